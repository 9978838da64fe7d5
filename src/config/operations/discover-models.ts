/**
 * `discover-models`: the provider's live model list (fetched by the front end, see
 * src/probe/prepare-discover.ts) against the config. `--apply` adds the new models and
 * disables (never deletes) the ones no longer listed, so fallbacks, aliases and buckets
 * naming them stay valid; a model disabled that way is enabled again when it is listed again.
 */
import { z } from 'zod';
import { RouterError } from '../../errors/router-error.js';
import { modelRef } from '../refs.js';
import type { Model } from '../schema.js';
import { isEnabled } from '../validate-config.js';
import { cloneConfig, requireProvider } from './config-edits.js';
import { defineOperation } from './types.js';

/** Marks a model this operation disabled (metadata key), so it can enable it again. */
export const UNLISTED_KEY = 'unlistedSince';

const input = z.object({
  providerId: z.string({ error: 'is required' }).trim().min(1),
  apply: z.boolean().optional(),
  probeTimeoutMs: z.number().int().min(100).max(600_000).optional(),
  jsonProgress: z.boolean().optional(),
  /** Filled by the front end from `GET …/models`. */
  listed: z.array(z.object({ id: z.string().min(1), displayName: z.string().optional() })).optional(),
});

const unlisted = (m: Model) => typeof m.metadata?.[UNLISTED_KEY] === 'string';

export const discoverModels = defineOperation({
  name: 'discover-models',
  aliases: [],
  summary: "List the provider's models now against the config (added, removed); --apply updates the config",
  mutates: true,
  flags: [
    { name: 'provider-id', aliases: ['id'], key: 'providerId', kind: 'string', value: 'ID', description: 'provider to ask' },
    {
      name: 'apply',
      key: 'apply',
      kind: 'boolean',
      value: 'true',
      description: 'add new models; disable (not delete) models no longer listed, so references to them stay valid',
    },
    { name: 'probe-timeout-ms', key: 'probeTimeoutMs', kind: 'number', value: 'MS', description: 'timeout of each request (default 15000)' },
    { name: 'json-progress', key: 'jsonProgress', kind: 'boolean', value: 'true', description: 'progress as one JSON object per line on stderr' },
  ],
  input,
  run(config, input, ctx) {
    const provider = requireProvider(config, input.providerId);
    if (!input.listed)
      throw new RouterError('INVALID_INPUT', 'discover-models needs the live model list; run it from the CLI or the TUI', { path: 'provider-id' });
    const listed = new Set(input.listed.map((m) => m.id));
    const known = (id: string) => provider.models.some((m) => m.id === id || m.aliases?.includes(id));
    const added = input.listed.filter((m) => !known(m.id)).map((m) => m.id);
    const removed = provider.models.filter((m) => isEnabled(m) && !listed.has(m.id)).map((m) => m.id);
    const relisted = provider.models.filter((m) => !isEnabled(m) && unlisted(m) && listed.has(m.id)).map((m) => m.id);
    const unchanged = provider.models.filter((m) => listed.has(m.id) && !relisted.includes(m.id)).map((m) => m.id);
    const data = { providerId: provider.id, listed: input.listed.length, added, removed, relisted, unchanged, applied: input.apply === true };
    const ref = (id: string) => modelRef(provider.id, id);
    const lines = [
      `${provider.id}: the provider lists ${input.listed.length} model(s); the config has ${provider.models.length}`,
      `  added (${added.length}): ${added.join(', ') || '-'}`,
      `  removed (${removed.length}): ${removed.join(', ') || '-'}`,
      ...(relisted.length ? [`  listed again (${relisted.length}): ${relisted.join(', ')}`] : []),
      `  unchanged: ${unchanged.length}`,
    ];
    if (!input.apply) {
      if (added.length + removed.length + relisted.length > 0) lines.push('  (run again with --apply=true to update the config)');
      return { data, lines };
    }
    const next = cloneConfig(config);
    const target = next.providers.find((p) => p.id === provider.id);
    if (!target) return { data, lines };
    if (removed.length > 0 && removed.length === target.models.filter(isEnabled).length && added.length + relisted.length === 0) {
      throw new RouterError(
        'INVALID_INPUT',
        `the provider lists none of the models of "${provider.id}"; not disabling all of them (check the key and base URL)`,
        {
          path: 'apply',
        },
      );
    }
    for (const model of target.models) {
      if (removed.includes(model.id)) {
        model.enabled = false;
        model.metadata = { ...model.metadata, [UNLISTED_KEY]: ctx.now.toISOString() };
      } else if (relisted.includes(model.id)) {
        delete model.enabled;
        const { [UNLISTED_KEY]: _gone, ...rest } = model.metadata ?? {};
        if (Object.keys(rest).length > 0) model.metadata = rest;
        else delete model.metadata;
      }
    }
    target.models.push(...added.map((id) => ({ id })));
    lines.push(`  applied: ${added.length} added, ${removed.length} disabled${relisted.length ? `, ${relisted.length} enabled again` : ''}`);
    if (removed.length > 0) lines.push(`  disabled models stay in the file (references keep working): ${removed.map(ref).join(', ')}`);
    return { config: next, data, lines };
  },
});
