/**
 * Dependencies point one way (ARCHITECTURE.md in shared/): errors/ and config/ never reach
 * into the CLI, TUI, gateway or daemon; formats/ and routing/ are pure libraries;
 * upstream/ and gateway/ never reach into the CLI. Fails on a forbidden import.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function layerOf(file: string): string {
  return relative(SRC, file).split('/')[0] ?? '';
}

const FORBIDDEN: Record<string, readonly string[]> = {
  errors: ['config', 'cli', 'tui', 'gateway', 'daemon', 'routing', 'formats', 'upstream', 'bin'],
  config: ['cli', 'tui', 'gateway', 'daemon', 'probe', 'connect', 'bin'],
  probe: ['cli', 'tui', 'gateway', 'daemon', 'connect', 'bin'],
  formats: ['config', 'cli', 'tui', 'gateway', 'daemon', 'upstream', 'bin'],
  routing: ['cli', 'tui', 'gateway', 'daemon', 'upstream', 'bin'],
  upstream: ['cli', 'tui', 'gateway', 'daemon', 'bin'],
  gateway: ['cli', 'tui', 'daemon', 'bin'],
  daemon: ['cli', 'tui', 'connect', 'bin'],
  connect: ['cli', 'tui', 'gateway', 'upstream', 'bin'],
  tui: ['cli', 'gateway', 'upstream', 'routing', 'formats', 'bin'],
  deploy: ['cli', 'tui', 'daemon', 'bin'],
};
const NODE_ONLY_IN_PURE = /^(node:|fastify|undici|ink|react)/;

describe('architecture', () => {
  const all = files(SRC);

  it('finds the sources', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it.each(Object.keys(FORBIDDEN))('%s/ imports nothing from the layers above it', (layer) => {
    const offenders: string[] = [];
    for (const file of all.filter((f) => layerOf(f) === layer)) {
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const target = layerOf(resolve(dirname(file), spec));
        if (FORBIDDEN[layer]?.includes(target)) offenders.push(`${relative(SRC, file)} -> ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('formats/ and routing/ stay free of Node, HTTP and UI modules', () => {
    const offenders = all
      .filter((f) => ['formats', 'routing'].includes(layerOf(f)))
      .flatMap((f) =>
        imports(f)
          .filter((s) => NODE_ONLY_IN_PURE.test(s))
          .map((s) => `${relative(SRC, f)} -> ${s}`),
      );
    expect(offenders).toEqual([]);
  });
});
