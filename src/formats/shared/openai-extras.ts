/** Fields Chat Completions and Responses share with the same meaning (carried between them). */
import type { OpenAIExtras } from '../canonical/types.js';
import { defined, str, type Json } from './values.js';

const FIELDS: [keyof OpenAIExtras, string][] = [
  ['promptCacheKey', 'prompt_cache_key'],
  ['promptCacheRetention', 'prompt_cache_retention'],
  ['serviceTier', 'service_tier'],
  ['safetyIdentifier', 'safety_identifier'],
  ['verbosity', 'verbosity'],
  ['store', 'store'],
];

export const OPENAI_EXTRA_FIELDS = FIELDS.map(([, wire]) => wire);

/** The shared fields of a Chat body (Responses nests verbosity in `text`: pass it as `verbosity`). */
export function openaiExtras(body: Json, verbosity?: unknown): OpenAIExtras | undefined {
  const out: OpenAIExtras = {};
  for (const [key, wire] of FIELDS) {
    if (key === 'store') {
      if (typeof body.store === 'boolean') out.store = body.store;
    } else if (key === 'verbosity') defined(out, { verbosity: str(verbosity) ?? str(body.verbosity) });
    else defined(out, { [key]: str(body[wire]) });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The shared fields as wire fields (snake_case), for an OpenAI-family upstream. */
export function openaiExtraFields(extras: OpenAIExtras | undefined): Json {
  const out: Json = {};
  if (!extras) return out;
  for (const [key, wire] of FIELDS) if (extras[key] !== undefined) out[wire] = extras[key];
  return out;
}
