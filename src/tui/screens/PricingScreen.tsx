/** Model pricing: pick a model (its prices shown), then set or remove them. */
import type { Pricing } from '../../config/schema.js';
import { pricingForm, pricingInitialValues, pricingOf } from '../forms/pricing-form.js';
import { ModelListScreen } from './ModelListScreen.js';
import type { ScreenProps } from './types.js';

/** Short enough for a menu line at 80 columns: "$3 in, $15 out, cache $0.3/$3.75 per M". */
export function shortPricing(p: Pricing | undefined): string {
  if (!p) return '(no pricing)';
  const usd = (n: number | undefined) => (n === undefined ? '-' : `$${n}`);
  const cache = p.cacheRead !== undefined || p.cacheWrite !== undefined ? `, cache ${usd(p.cacheRead ?? p.input)}/${usd(p.cacheWrite ?? p.input)}` : '';
  return `${usd(p.input)} in, ${usd(p.output)} out${cache} per M`;
}

export function PricingScreen({ config, save, nav, rows }: ScreenProps) {
  return (
    <ModelListScreen
      {...{ config, save, nav, rows }}
      form={pricingForm}
      initialValues={pricingInitialValues}
      line={(label, ref) => `${label}  ${shortPricing(pricingOf(config, ref))}`}
      header="USD per million tokens (cache: read/write), for the cost in logs, usage, /metrics and Traffic."
    />
  );
}
