/**
 * The deploy tests need dist/worker/worker.js, which `npm run build` writes (scripts/build.mjs).
 * Until that build step exists, this writes a minimal ES module Worker of the same shape
 * (default fetch export, RoutingStateObject class, importing ./sealed-config.js) so the
 * deploy flow can be exercised; with the real build it changes nothing.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const WORKER_BUNDLE = fileURLToPath(new URL('../../dist/worker/worker.js', import.meta.url));

export function ensureWorkerBundle(): { placeholder: boolean } {
  if (existsSync(WORKER_BUNDLE)) return { placeholder: false };
  mkdirSync(fileURLToPath(new URL('../../dist/worker/', import.meta.url)), { recursive: true });
  writeFileSync(
    WORKER_BUNDLE,
    [
      "import sealed from './sealed-config.js';",
      'export class RoutingStateObject { constructor(state) { this.state = state; } async fetch() { return new Response("{}"); } }',
      'export default { async fetch() { return Response.json({ ok: true, runtime: "worker", sealed: sealed !== null }); } };',
      '',
    ].join('\n'),
  );
  return { placeholder: true };
}
