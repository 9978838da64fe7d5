#!/usr/bin/env node
// Bundles the CLI with esbuild: one small entry file plus lazily loaded chunks, so
// `--version` parses almost nothing and a config operation loads one file instead of
// hundreds of zod modules. Type checking is separate (`npm run typecheck`).
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

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

// The Cloudflare Worker: ES modules with Web APIs only (the deploy copies them next to the
// sealed config, which stays a separate module: `./sealed-config.js`).
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
await build({
  entryPoints: { worker: 'src/gateway/worker/index.ts' },
  outdir: 'dist/worker',
  bundle: true,
  // The token counter's tables (~3 MB) load only on the first local count_tokens estimate.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  external: ['cloudflare:workers', './sealed-config.js'],
  define: { __LLM_ROUTER_VERSION__: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
});
writeFileSync('dist/worker/sealed-config.js', 'export default null;\n');
