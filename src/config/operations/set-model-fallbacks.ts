import { z } from 'zod';
import { RouterError } from '../../errors/router-error.js';
import { modelRef, resolveRouteRef } from '../refs.js';
import { cloneConfig, requireModel, requireProvider } from './config-edits.js';
import { defineOperation } from './types.js';

export const setModelFallbacks = defineOperation({
  name: 'set-model-fallbacks',
  aliases: ['set-model-fallback'],
  summary: "Set (in order) or clear a model's silent fallbacks",
  mutates: true,
  flags: [
    { name: 'provider-id', aliases: ['id'], key: 'providerId', kind: 'string', value: 'ID', description: 'provider of the model' },
    { name: 'model', aliases: ['model-id'], key: 'model', kind: 'string', value: 'MODEL', description: 'model whose fallbacks to set' },
    {
      name: 'fallback-models',
      aliases: ['fallbacks'],
      key: 'fallbackModels',
      kind: 'list',
      value: 'prov/model,...',
      description: 'fallbacks in the order to try them',
    },
    { name: 'clear-fallbacks', key: 'clear', kind: 'boolean', value: 'true', description: 'remove all fallbacks' },
  ],
  input: z.object({
    providerId: z.string({ error: 'is required' }).trim().min(1),
    model: z.string({ error: 'is required' }).trim().min(1),
    fallbackModels: z.array(z.string().trim().min(1)).optional(),
    clear: z.boolean().optional(),
  }),
  run(config, input) {
    if (input.clear && input.fallbackModels?.length)
      throw new RouterError('INVALID_INPUT', 'give --fallback-models or --clear-fallbacks=true, not both', { path: 'fallback-models' });
    if (!input.clear && !input.fallbackModels?.length)
      throw new RouterError('INVALID_INPUT', '--fallback-models=prov/model,... or --clear-fallbacks=true is required', { path: 'fallback-models' });
    const provider = requireProvider(config, input.providerId);
    const model = requireModel(provider, input.model);
    const self = modelRef(provider.id, model.id);
    const refs: string[] = [];
    for (const ref of input.clear ? [] : (input.fallbackModels ?? [])) {
      const resolved = resolveRouteRef(config, ref);
      if ('error' in resolved) throw new RouterError('INVALID_INPUT', `--fallback-models: ${resolved.error}`, { path: 'fallback-models' });
      if (resolved.kind !== 'model')
        throw new RouterError('INVALID_INPUT', `--fallback-models: "${ref}" is an alias; fallbacks must be provider/model`, { path: 'fallback-models' });
      const canonical = modelRef(resolved.provider.id, resolved.model.id);
      if (canonical === self) throw new RouterError('INVALID_INPUT', `--fallback-models: ${self} cannot fall back to itself`, { path: 'fallback-models' });
      if (refs.includes(canonical)) throw new RouterError('INVALID_INPUT', `--fallback-models: "${ref}" is listed twice`, { path: 'fallback-models' });
      refs.push(canonical);
    }
    const next = cloneConfig(config);
    const target = next.providers.find((p) => p.id === provider.id)?.models.find((m) => m.id === model.id);
    if (target) {
      if (refs.length > 0) target.fallbackModels = refs;
      else delete target.fallbackModels;
    }
    return {
      config: next,
      data: { model: self, fallbackModels: refs },
      lines: [refs.length > 0 ? `Fallbacks of ${self}: ${refs.join(' -> ')}` : `Cleared the fallbacks of ${self}`],
    };
  },
});
