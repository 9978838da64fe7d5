#!/usr/bin/env node
// Bundles the CLI with esbuild: one small entry file plus lazily loaded chunks, so
// `--version` parses almost nothing and a config operation loads one file instead of
// hundreds of zod modules. Type checking is separate (`npm run typecheck`).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { 'llm-router': 'src/bin/llm-router.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Prefer ESM builds (jsonc-parser's "main" is a UMD wrapper with dynamic requires).
  mainFields: ['module', 'main'],
  chunkNames: 'chunks/[name]-[hash]',
  // Ink loads React DevTools only when DEV=true; it is an optional peer we do not ship.
  external: ['react-devtools-core'],
  // React and its reconciler pick their production builds (~8x smaller, no dev checks).
  define: { 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS dependencies call require() for Node built-ins and use __filename.
  banner: {
    js: [
      "import { createRequire as __lrCreateRequire } from 'node:module';",
      "import { fileURLToPath as __lrFileURLToPath } from 'node:url';",
      'const require = __lrCreateRequire(import.meta.url);',
      'const __filename = __lrFileURLToPath(import.meta.url);',
    ].join(' '),
  },
  legalComments: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});
