/**
 * The gateway core runs on Node and on the Cloudflare Worker (ARCHITECTURE.md): every module
 * reachable from gateway/core, gateway/worker, formats/ and routing/ (following value imports; type-only
 * imports are erased) must use Web APIs only — no Node built-in, no Node-only package, no
 * Node global (process, Buffer, require, __dirname, setImmediate) in its code.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const ROOTS = ['gateway/core', 'gateway/worker', 'formats', 'routing'];
/** Packages the portable code may use: plain JavaScript, no Node API. */
const PORTABLE_PACKAGES = new Set(['zod', 'eventsource-parser', 'jsonc-parser', 'gpt-tokenizer', 'cloudflare:workers']);
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const NODE_GLOBALS = /\b(process\s*\.|Buffer\s*\.|Buffer\s*\(|require\s*\(|__dirname|__filename|setImmediate\s*\(|global\s*\.)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Code without comments and string contents (so a message that says "process." is not a use). */
function codeOf(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

/** Value imports (not `import type` / `export type`), with their specifiers. */
function valueImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
    if (m[2]) continue;
    const names = m[3] ?? '';
    // `import { type A, type B } from` is type-only too.
    const inner = /^\{([^}]*)\}$/.exec(names.trim());
    if (inner && inner[1]!.split(',').every((n) => n.trim() === '' || /^type\s/.test(n.trim()))) continue;
    out.push(m[4]!);
  }
  for (const m of text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f));
}

function reachable(): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = ROOTS.flatMap((r) => files(join(SRC, r)));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const specs = valueImports(readFileSync(file, 'utf8'));
    seen.set(file, specs);
    for (const spec of specs) {
      if (!spec.startsWith('.')) continue;
      const target = resolveLocal(file, spec);
      if (target) queue.push(target);
    }
  }
  return seen;
}

describe('portable gateway core', () => {
  const graph = reachable();

  it('walks the core, the codecs and the routing engine, and what they import', () => {
    const names = [...graph.keys()].map((f) => relative(SRC, f));
    expect(names).toContain('gateway/core/gateway-core.ts');
    expect(names).toContain('gateway/core/pipeline/handle-model-request.ts');
    expect(names.some((n) => n.startsWith('config/'))).toBe(true);
  });

  it('imports no Node built-in and no Node-only package', () => {
    const offenders: string[] = [];
    for (const [file, specs] of graph) {
      for (const spec of specs) {
        if (spec.startsWith('.')) continue;
        const pkg = spec.startsWith('cloudflare:') ? spec : spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(pkg) || !PORTABLE_PACKAGES.has(pkg)) offenders.push(`${relative(SRC, file)} -> ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('uses no Node global', () => {
    const offenders = [...graph.keys()].flatMap((file) => {
      const match = NODE_GLOBALS.exec(codeOf(readFileSync(file, 'utf8')));
      return match ? [`${relative(SRC, file)}: ${match[0]}`] : [];
    });
    expect(offenders).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    expect(valueImports("import { readFile } from 'node:fs';")).toEqual(['node:fs']);
    expect(valueImports("import type { Readable } from 'node:stream';")).toEqual([]);
    expect(valueImports("import { type A, type B } from 'fastify';")).toEqual([]);
    expect(NODE_GLOBALS.test(codeOf('const x = process.env.X;'))).toBe(true);
    expect(NODE_GLOBALS.test(codeOf("const m = 'see process.env';"))).toBe(false);
    expect(NODE_GLOBALS.test(codeOf('Buffer.from(x)'))).toBe(true);
  });
});
