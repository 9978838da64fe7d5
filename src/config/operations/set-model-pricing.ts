/**
 * A model's prices (USD per million tokens) for the cost in the request log, `usage` and
 * /metrics: set input and output (cache read/write optional; they default to the input
 * price), or clear them. One model, several (`--model=a,b`) or every model of the
 * provider (`--model=all`).
 */
import { z } from 'zod';
import { RouterError } from '../../errors/router-error.js';
import { modelRef } from '../refs.js';
import type { Pricing } from '../schema.js';
import { cloneConfig, requireModel, requireProvider } from './config-edits.js';
import { defineOperation } from './types.js';

/** The highest price the config schema accepts (USD per million tokens). */
export const MAX_PRICE = 100_000;

const PRICE_KEYS = ['input', 'output', 'cacheRead', 'cacheWrite'] as const;
type PriceKey = (typeof PRICE_KEYS)[number];

const price = z
  .number({ error: 'must be a finite number (USD per million tokens)' })
  .refine((n) => n >= 0, 'must be >= 0 (USD per million tokens)')
  .refine((n) => n <= MAX_PRICE, `must be at most ${MAX_PRICE} (USD per million tokens)`);

/** "$3/M in, $15/M out, $0.3/M cache read" — a model's prices for people; '' without pricing. */
export function describePricing(pricing: Pricing | undefined): string {
  if (!pricing) return '';
  const names: Record<PriceKey, string> = { input: 'in', output: 'out', cacheRead: 'cache read', cacheWrite: 'cache write' };
  return PRICE_KEYS.filter((k) => typeof pricing[k] === 'number')
    .map((k) => `$${String(pricing[k])}/M ${names[k]}`)
    .join(', ');
}

export const setModelPricing = defineOperation({
  name: 'set-model-pricing',
  aliases: ['set-pricing'],
  summary: "Set or clear a model's prices (USD per million tokens) for cost in logs, usage and /metrics",
  mutates: true,
  flags: [
    { name: 'provider-id', aliases: ['id'], key: 'providerId', kind: 'string', value: 'ID', description: 'provider of the model' },
    {
      name: 'model',
      aliases: ['model-id', 'models'],
      key: 'models',
      kind: 'list',
      value: 'MODEL',
      description: 'model to price (m1,m2 for several, all for every model of the provider)',
    },
    { name: 'input', key: 'input', kind: 'number', value: 'USD', description: 'per million uncached input tokens' },
    { name: 'output', key: 'output', kind: 'number', value: 'USD', description: 'per million output tokens' },
    { name: 'cache-read', key: 'cacheRead', kind: 'number', value: 'USD', description: 'per million cache-read input tokens (default: the input price)' },
    { name: 'cache-write', key: 'cacheWrite', kind: 'number', value: 'USD', description: 'per million cache-write input tokens (default: the input price)' },
    { name: 'clear-pricing', key: 'clear', kind: 'boolean', value: 'true', description: "remove the model's pricing" },
  ],
  input: z.object({
    providerId: z.string({ error: 'is required' }).trim().min(1, 'is required'),
    models: z.array(z.string().trim().min(1), { error: 'is required' }).min(1, 'is required'),
    input: price.optional(),
    output: price.optional(),
    cacheRead: price.optional(),
    cacheWrite: price.optional(),
    clear: z.boolean().optional(),
  }),
  run(config, input) {
    const given = PRICE_KEYS.filter((k) => input[k] !== undefined);
    if (input.clear && given.length > 0) throw new RouterError('INVALID_INPUT', 'give prices or --clear-pricing=true, not both', { path: 'clear-pricing' });
    if (!input.clear) {
      for (const [key, flag] of [
        ['input', 'input'],
        ['output', 'output'],
      ] as const)
        if (input[key] === undefined)
          throw new RouterError('INVALID_INPUT', `--${flag}=USD is required (or --clear-pricing=true to remove the pricing)`, { path: flag });
    }
    const provider = requireProvider(config, input.providerId);
    const ids = input.models.includes('all') ? provider.models.map((m) => m.id) : [...new Set(input.models.map((m) => requireModel(provider, m).id))];
    if (ids.length === 0) throw new RouterError('INVALID_INPUT', `provider "${provider.id}" has no models to price`, { path: 'model' });
    const next = cloneConfig(config);
    const target = next.providers.find((p) => p.id === provider.id);
    const results: { model: string; pricing: Pricing | null }[] = [];
    for (const model of target?.models.filter((m) => ids.includes(m.id)) ?? []) {
      if (input.clear) delete model.pricing;
      else {
        // Unknown fields a preset or a hand edit put in the pricing object stay.
        const kept = Object.fromEntries(Object.entries(model.pricing ?? {}).filter(([k]) => !(PRICE_KEYS as readonly string[]).includes(k)));
        model.pricing = { ...Object.fromEntries(given.map((k) => [k, input[k]])), ...kept } as Pricing;
      }
      results.push({ model: modelRef(provider.id, model.id), pricing: model.pricing ?? null });
    }
    return {
      config: next,
      data: { models: results },
      lines: results.map((r) => (r.pricing ? `Pricing of ${r.model}: ${describePricing(r.pricing)}` : `Cleared the pricing of ${r.model}`)),
    };
  },
});
