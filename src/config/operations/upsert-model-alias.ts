import { z } from 'zod';
import { RouterError } from '../../errors/router-error.js';
import { ALIAS_ID_PATTERN } from '../refs.js';
import { DEFAULT_STRATEGY, strategySchema, type ModelAlias } from '../schema.js';
import { findAliasCycle } from '../validate-config.js';
import { cloneConfig } from './config-edits.js';
import { formatTargets, parseTargets } from './parse-targets.js';
import { defineOperation } from './types.js';

const SYNONYMS: Record<string, string> = { automatic: 'auto', smart: 'auto' };

export const upsertModelAlias = defineOperation({
  name: 'upsert-model-alias',
  aliases: ['set-model-alias'],
  summary: 'Create or edit an alias: a strategy over weighted targets, plus a fallback tier',
  mutates: true,
  flags: [
    { name: 'alias-id', aliases: ['alias'], key: 'aliasId', kind: 'string', value: 'ID', description: 'alias id, e.g. opus or coding.fast' },
    {
      name: 'strategy',
      key: 'strategy',
      kind: 'string',
      value: 'NAME',
      description: 'auto | ordered | round-robin | weighted-rr | quota-aware-weighted-rr (new aliases: ordered)',
    },
    {
      name: 'targets',
      aliases: ['alias-targets'],
      key: 'targets',
      kind: 'string',
      value: 'ref@w,...',
      description: 'primary targets: provider/model or alias ids, optional @weight (> 0, default 1)',
    },
    {
      name: 'fallback-targets',
      key: 'fallbackTargets',
      kind: 'string',
      value: 'ref,...',
      description: 'second tier, used only when every primary target is unavailable',
    },
    { name: 'clear-fallback-targets', key: 'clearFallbackTargets', kind: 'boolean', value: 'true', description: 'remove the fallback tier' },
    { name: 'alias-metadata', key: 'metadata', kind: 'json', value: 'JSON', description: 'free-form metadata object' },
  ],
  input: z.object({
    aliasId: z
      .string({ error: 'is required' })
      .trim()
      .regex(ALIAS_ID_PATTERN, 'must start with a letter or digit and use only letters, digits, ".", "_", ":" and "-"'),
    strategy: z.preprocess((v) => (typeof v === 'string' ? (SYNONYMS[v.toLowerCase()] ?? v.toLowerCase()) : v), strategySchema).optional(),
    targets: z.string().optional(),
    fallbackTargets: z.string().optional(),
    clearFallbackTargets: z.boolean().optional(),
    metadata: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).optional(),
  }),
  run(config, input) {
    if (input.clearFallbackTargets && input.fallbackTargets)
      throw new RouterError('INVALID_INPUT', 'give --fallback-targets or --clear-fallback-targets=true, not both', { path: 'fallback-targets' });
    const existing = config.modelAliases?.[input.aliasId];
    if (!existing && !input.targets) throw new RouterError('INVALID_INPUT', `--targets is required for a new alias ("${input.aliasId}")`, { path: 'targets' });
    const alias: ModelAlias = existing ? { ...existing } : { strategy: input.strategy ?? DEFAULT_STRATEGY, targets: [] };
    if (input.strategy) alias.strategy = input.strategy;
    if (input.targets) alias.targets = parseTargets(config, input.targets, '--targets');
    if (input.fallbackTargets) alias.fallbackTargets = parseTargets(config, input.fallbackTargets, '--fallback-targets');
    if (input.clearFallbackTargets) delete alias.fallbackTargets;
    if (input.metadata) alias.metadata = input.metadata;
    const primary = new Set(alias.targets.map((t) => t.ref));
    const both = (alias.fallbackTargets ?? []).filter((t) => primary.has(t.ref));
    if (both.length > 0)
      throw new RouterError('INVALID_INPUT', `--fallback-targets: ${both.map((t) => t.ref).join(', ')} already a primary target`, { path: 'fallback-targets' });
    const next = cloneConfig(config);
    next.modelAliases = { ...(next.modelAliases ?? {}), [input.aliasId]: alias };
    const cycle = findAliasCycle(next);
    if (cycle) throw new RouterError('INVALID_INPUT', `alias cycle: ${cycle.join(' -> ')}`, { path: 'targets' });
    const strategy = alias.strategy ?? DEFAULT_STRATEGY;
    return {
      config: next,
      data: {
        action: existing ? 'updated' : 'created',
        aliasId: input.aliasId,
        strategy,
        targets: alias.targets,
        fallbackTargets: alias.fallbackTargets ?? [],
      },
      lines: [
        `${existing ? 'Updated' : 'Created'} alias ${input.aliasId} (${strategy}): ${formatTargets(alias.targets)}`,
        ...(alias.fallbackTargets?.length ? [`  fallback tier: ${formatTargets(alias.fallbackTargets)}`] : []),
      ],
    };
  },
});
