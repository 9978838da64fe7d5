#!/usr/bin/env node
// Runs a TypeScript script (bundled with esbuild into a temporary file): node scripts/run-ts.mjs scripts/x.ts
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <script.ts>');
  process.exit(2);
}
// Inside the repository, so the bundle's imports of dependencies resolve from node_modules.
mkdirSync('node_modules/.cache', { recursive: true });
const dir = mkdtempSync(join('node_modules/.cache', 'llm-router-run-'));
const outfile = join(process.cwd(), dir, 'script.mjs');
try {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    packages: 'external',
  });
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
