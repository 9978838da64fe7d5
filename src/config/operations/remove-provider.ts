import { z } from 'zod';
import { modelRef } from '../refs.js';
import { cloneConfig, removeModelRefs, requireProvider } from './config-edits.js';
import { defineOperation } from './types.js';

export const removeProvider = defineOperation({
  name: 'remove-provider',
  aliases: [],
  summary: 'Remove a provider and every reference to its models',
  mutates: true,
  flags: [{ name: 'provider-id', aliases: ['id'], key: 'providerId', kind: 'string', value: 'ID', description: 'provider to remove' }],
  input: z.object({ providerId: z.string({ error: 'is required' }).trim().min(1) }),
  run(config, input) {
    const provider = requireProvider(config, input.providerId);
    const next = cloneConfig(config);
    next.providers = next.providers.filter((p) => p.id !== provider.id);
    const removed = new Set(provider.models.map((m) => modelRef(provider.id, m.id)));
    const notes = removeModelRefs(config, next, removed);
    return {
      config: next,
      data: { providerId: provider.id, removedModels: [...removed], notes },
      lines: [`Removed provider ${provider.id} (${provider.models.length} model(s))`, ...notes.map((n) => `  ${n}`)],
    };
  },
});
