import { z } from 'zod';
import { RouterError } from '../../errors/router-error.js';
import { modelRef } from '../refs.js';
import { isEnabled } from '../validate-config.js';
import { cloneConfig, removeModelRefs, requireModel, requireProvider } from './config-edits.js';
import { defineOperation } from './types.js';

export const removeModel = defineOperation({
  name: 'remove-model',
  aliases: [],
  summary: 'Remove one model from a provider and every reference to it',
  mutates: true,
  flags: [
    { name: 'provider-id', aliases: ['id'], key: 'providerId', kind: 'string', value: 'ID', description: 'provider that has the model' },
    { name: 'model', aliases: ['model-id'], key: 'model', kind: 'string', value: 'MODEL', description: 'model id (or one of its aliases)' },
  ],
  input: z.object({
    providerId: z.string({ error: 'is required' }).trim().min(1),
    model: z.string({ error: 'is required' }).trim().min(1),
  }),
  run(config, input) {
    const provider = requireProvider(config, input.providerId);
    const model = requireModel(provider, input.model);
    if (provider.models.length === 1 && isEnabled(provider)) {
      throw new RouterError(
        'INVALID_INPUT',
        `"${model.id}" is the only model of provider "${provider.id}"; remove the provider instead (--operation=remove-provider --provider-id=${provider.id})`,
        { path: 'model' },
      );
    }
    const next = cloneConfig(config);
    const target = next.providers.find((p) => p.id === provider.id);
    if (target) target.models = target.models.filter((m) => m.id !== model.id);
    const ref = modelRef(provider.id, model.id);
    const notes = removeModelRefs(config, next, new Set([ref]));
    return {
      config: next,
      data: { removed: ref, notes },
      lines: [`Removed model ${ref}`, ...notes.map((n) => `  ${n}`)],
    };
  },
});
