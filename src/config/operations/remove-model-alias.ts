import { z } from 'zod';
import { RouterError } from '../../errors/router-error.js';
import { resolveRouteRef } from '../refs.js';
import { cloneConfig, firstModelRef } from './config-edits.js';
import { defineOperation } from './types.js';

export const removeModelAlias = defineOperation({
  name: 'remove-model-alias',
  aliases: [],
  summary: 'Remove an alias (refused while other aliases target it)',
  mutates: true,
  flags: [{ name: 'alias-id', aliases: ['alias'], key: 'aliasId', kind: 'string', value: 'ID', description: 'alias to remove' }],
  input: z.object({ aliasId: z.string({ error: 'is required' }).trim().min(1) }),
  run(config, input) {
    const aliases = config.modelAliases ?? {};
    if (!aliases[input.aliasId]) {
      const known = Object.keys(aliases);
      throw new RouterError('NOT_FOUND', `unknown alias "${input.aliasId}"${known.length ? ` (known: ${known.join(', ')})` : ' (no aliases are defined)'}`, {
        path: 'alias-id',
      });
    }
    const users = Object.entries(aliases)
      .filter(
        ([id, alias]) =>
          id !== input.aliasId &&
          [...alias.targets, ...(alias.fallbackTargets ?? [])].some((t) => {
            const r = resolveRouteRef(config, t.ref);
            return !('error' in r) && r.kind === 'alias' && r.aliasId === input.aliasId;
          }),
      )
      .map(([id]) => id);
    if (users.length > 0)
      throw new RouterError('INVALID_INPUT', `alias "${input.aliasId}" is a target of ${users.map((u) => `"${u}"`).join(', ')}; change those first`, {
        path: 'alias-id',
      });
    const next = cloneConfig(config);
    const rest = { ...aliases };
    delete rest[input.aliasId];
    next.modelAliases = rest;
    const notes: string[] = [];
    const defaultRef = config.defaultModel === undefined ? undefined : resolveRouteRef(config, config.defaultModel);
    if (defaultRef && !('error' in defaultRef) && defaultRef.kind === 'alias' && defaultRef.aliasId === input.aliasId) {
      const replacement = firstModelRef(next);
      if (replacement) next.defaultModel = replacement;
      else delete next.defaultModel;
      notes.push(replacement ? `default model is now ${replacement}` : 'default model cleared');
    }
    return { config: next, data: { removed: input.aliasId, notes }, lines: [`Removed alias ${input.aliasId}`, ...notes.map((n) => `  ${n}`)] };
  },
});
