/** docs/config.schema.json and docs/config-reference.md stay generated from the schema (`npm run docs` rewrites them). */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, configReferenceMarkdown } from '../src/config/config-reference.js';

const files = {
  'docs/config.schema.json': () => `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
  'docs/config-reference.md': configReferenceMarkdown,
};

describe('generated config reference', () => {
  it.each(Object.entries(files))('%s is up to date', (path, generate) => {
    const url = new URL(`../${path}`, import.meta.url);
    const fresh = generate();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(url, fresh);
    expect(readFileSync(url, 'utf8'), `${path} is stale: run npm run docs`).toBe(fresh);
  });

  it('describes the fields users edit', () => {
    const md = configReferenceMarkdown();
    for (const field of ['providers[].baseUrl', 'providers[].rateLimits[].window.unit', 'modelAliases.<id>.fallbackTargets', 'masterKey'])
      expect(md).toContain(`\`${field}\``);
  });
});
