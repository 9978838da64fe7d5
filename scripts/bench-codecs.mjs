#!/usr/bin/env node
// Bundles scripts/bench-codecs.ts with esbuild into a temporary file and runs it.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'llm-router-bench-'));
const outfile = join(dir, 'bench-codecs.mjs');
try {
  await build({ entryPoints: ['scripts/bench-codecs.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, mainFields: ['module', 'main'], logLevel: 'warning' });
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
