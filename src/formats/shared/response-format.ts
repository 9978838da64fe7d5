import type { ResponseFormat } from '../canonical/types.js';
import { defined, isRecord, str, type Json } from './values.js';

/** A JSON-schema response format from `{name, schema, strict, description}` (OpenAI Chat's json_schema, Responses' text.format). */
export function jsonSchemaFormat(source: Json): Extract<ResponseFormat, { type: 'json_schema' }> {
  return defined(
    { type: 'json_schema', name: str(source.name) ?? 'response', schema: isRecord(source.schema) ? source.schema : {} } as Extract<
      ResponseFormat,
      { type: 'json_schema' }
    >,
    {
      strict: typeof source.strict === 'boolean' ? source.strict : undefined,
      description: str(source.description),
    },
  );
}
