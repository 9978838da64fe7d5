import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../src/errors/catalog.js';

describe('docs/errors.md', () => {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  it.each(Object.entries(ERROR_CATALOG))('documents %s with its exit code', (code, entry) => {
    expect(doc).toContain(`| \`${code}\` | ${entry.exitCode} |`);
  });
});
