/**
 * A model's prices in USD per million tokens: input and output (required), cache read and
 * cache write (blank: the input price); or remove them. Saved by set-model-pricing.
 */
import { MAX_PRICE, describePricing, setModelPricing } from '../../config/operations/set-model-pricing.js';
import type { Config, Pricing } from '../../config/schema.js';
import type { Step, Values, WizardSpec } from '../state/wizard.js';
import { splitRef } from './fallbacks-form.js';
import { str } from './refs.js';
import type { Save } from './save.js';

const PRICES = [
  { key: 'input', label: 'Input price', what: 'the input price', optional: false },
  { key: 'output', label: 'Output price', what: 'the output price', optional: false },
  { key: 'cacheRead', label: 'Cache-read price', what: 'the cache-read price', optional: true },
  { key: 'cacheWrite', label: 'Cache-write price', what: 'the cache-write price', optional: true },
] as const;

/** Why a typed price is not acceptable, or undefined (blank is fine for the optional ones). */
export function priceProblem(what: string, optional: boolean) {
  return (value: string | string[]): string | undefined => {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') return optional ? undefined : `${what} is required (USD per million tokens, e.g. 3 or 0.25)`;
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return `${what} must be a number of USD per million tokens, 0 or more (got "${text}")`;
    return Number(text) > MAX_PRICE ? `${what} must be at most ${MAX_PRICE} USD per million tokens` : undefined;
  };
}

export function pricingOf(config: Config, ref: string): Pricing | undefined {
  const { providerId, model } = splitRef(ref);
  return config.providers.find((p) => p.id === providerId)?.models.find((m) => m.id === model)?.pricing;
}

export function pricingInitialValues(config: Config, ref: string): Values {
  const pricing = pricingOf(config, ref);
  return Object.fromEntries(PRICES.filter((p) => typeof pricing?.[p.key] === 'number').map((p) => [p.key, String(pricing?.[p.key])]));
}

const typed = (values: Values) =>
  Object.fromEntries(PRICES.filter((p) => str(values[p.key]).trim() !== '').map((p) => [p.key, Number(str(values[p.key]).trim())])) as Pricing;

export function pricingForm(config: Config, ref: string, save: Save): WizardSpec {
  const priced = pricingOf(config, ref) !== undefined;
  const removing = (values: Values) => values.action === 'remove';
  return {
    title: `Pricing of ${ref}`,
    steps: (values) => [
      ...(priced
        ? [
            {
              key: 'action',
              label: 'What to do',
              kind: 'select' as const,
              options: [
                { label: 'Change the prices', value: 'edit' },
                { label: 'Remove the pricing', value: 'remove', description: 'Requests to this model then show no cost' },
              ],
            },
          ]
        : []),
      ...(removing(values)
        ? []
        : PRICES.map((p): Step => ({
            key: p.key,
            label: `${p.label} (USD per million tokens)`,
            ...(p.optional ? { hint: 'Blank: the same as the input price.' } : {}),
            kind: 'text',
            validate: priceProblem(p.what, p.optional),
          }))),
    ],
    review: (values) => [removing(values) ? `${ref}: no pricing (cost not computed)` : `${ref}: ${describePricing(typed(values))}`],
    submit: (values) => save(setModelPricing, { ...splitRef(ref), models: [splitRef(ref).model], ...(removing(values) ? { clear: true } : typed(values)) }),
  };
}
