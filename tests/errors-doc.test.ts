import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../src/errors/catalog.js';
import { GATEWAY_ERRORS } from '../src/gateway/core/error-catalog.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const section = (title: string) => doc.slice(doc.indexOf(`## ${title}`)).split(/\n## /)[0] ?? '';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('docs/errors.md', () => {
  it.each(Object.entries(ERROR_CATALOG))('documents %s with its exit code', (code, entry) => {
    expect(doc).toContain(`| \`${code}\` | ${entry.exitCode} |`);
  });

  it.each(Object.entries(GATEWAY_ERRORS))('documents gateway error %s with its status', (code, entry) => {
    expect(section('Gateway HTTP errors')).toContain(`| \`${code}\` | ${entry.status} |`);
  });

  it('documents no gateway error code that does not exist', () => {
    const documented = [...section('Gateway HTTP errors').matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((code) => !(code! in GATEWAY_ERRORS))).toEqual([]);
    expect(documented.length).toBe(Object.keys(GATEWAY_ERRORS).length);
  });

  it('documents every x-llm-router-* header the code sets, and only those', () => {
    const src = fileURLToPath(new URL('../src', import.meta.url));
    const used = new Set(sources(src).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'(x-llm-router-[a-z-]+)'/g)].map((m) => m[1]!)));
    const documented = new Set([...section('Response headers').matchAll(/^\| `(x-llm-router-[a-z-]+)` \|/gm)].map((m) => m[1]!));
    expect([...used].sort()).toEqual([...documented].sort());
  });
});
