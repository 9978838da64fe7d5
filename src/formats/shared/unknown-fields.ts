import type { Warnings } from '../canonical/warnings.js';
import type { Json } from './values.js';

/**
 * Top-level fields a codec does not know: dropped when translating, with a warning (they
 * are still forwarded untouched when the provider speaks the client's own format).
 */
export function warnUnknownFields(body: Json, known: readonly string[], format: string, w: Warnings): void {
  for (const key of Object.keys(body)) {
    if (known.includes(key) || body[key] === undefined || body[key] === null) continue;
    w.add(
      'unsupported-field',
      key,
      `${key} is not a field llm-router's ${format} codec knows; dropped in translation (providers that speak ${format} get it untouched)`,
    );
  }
}
