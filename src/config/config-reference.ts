/** The config reference (JSON Schema + Markdown), generated from the zod schema. */
import { z } from 'zod';
import { STRATEGY_DESCRIPTIONS, configSchema } from './schema.js';

type JsonSchema = {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  required?: string[];
};

export function configJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(configSchema, { unrepresentable: 'any', io: 'input' }), title: 'llm-router config (~/.llm-router.json)' };
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'any'}[]`;
  return Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any');
}

function rows(schema: JsonSchema, path: string, out: string[]): void {
  const props = schema.properties ?? {};
  for (const [key, child] of Object.entries(props)) {
    const here = path ? `${path}.${key}` : key;
    const required = schema.required?.includes(key) ? 'yes' : '';
    out.push(`| \`${here}\` | ${typeOf(child)} | ${required} | ${child.description ?? ''} |`);
    const variant = child.anyOf?.find((s) => s.type === 'object');
    if (child.type === 'array' && child.items?.properties) rows(child.items, `${here}[]`, out);
    else if (variant?.properties) rows(variant, here, out);
    else if (child.properties) rows(child, here, out);
    else if (typeof child.additionalProperties === 'object' && child.additionalProperties.properties) rows(child.additionalProperties, `${here}.<id>`, out);
  }
}

export function configReferenceMarkdown(): string {
  const out = [
    '# Config reference',
    '',
    '<!-- Generated from src/config/schema.ts by `npm run docs`; do not edit by hand. -->',
    '',
    "The file is `~/.llm-router.json` (mode 0600). Unknown fields are kept. The seed's alternate",
    'spellings (`base-url`, `master-key`, `rate-limits`, `silent-fallbacks`, ...) are accepted on input.',
    'The same rules as JSON Schema: [config.schema.json](config.schema.json).',
    '',
    '| field | type | required | meaning |',
    '|---|---|---|---|',
  ];
  rows(configJsonSchema() as JsonSchema, '', out);
  out.push(
    '',
    '## Alias strategies',
    '',
    'What each `strategy` value means. Whatever the strategy, `fallbackTargets` are only tried when every primary target is unavailable or has failed; ' +
      'targets cooling down, with an open circuit or out of quota are skipped.',
    '',
    '| strategy | behaviour |',
    '|---|---|',
  );
  for (const [name, description] of Object.entries(STRATEGY_DESCRIPTIONS)) out.push(`| \`${name}\` | ${description} |`);
  return `${out.join('\n')}\n`;
}
