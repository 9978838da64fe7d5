/**
 * The built Worker (dist/worker, from `npm run build`) under Miniflare (workerd), as a
 * deploy leaves it: the config sealed into the bundle, the key and master key as secrets,
 * the routing-state Durable Object bound as LLM_ROUTER_STATE. Listens on 127.0.0.1.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare, type MiniflareOptions } from 'miniflare';
import { newSealKey, sealText } from '../../src/config/sealed.js';
import type { Config } from '../../src/config/schema.js';

const DIST = fileURLToPath(new URL('../../dist/worker', import.meta.url));
export const COMPATIBILITY_DATE = '2026-04-01';

export interface WorkerOptions {
  /** Extra string bindings (vars and secrets). */
  bindings?: Record<string, string>;
  /** Bind the routing-state Durable Object (default true). */
  durable?: boolean;
  /** Deliver the config as the seed did, in the LLM_ROUTER_CONFIG_JSON secret, instead of sealed. */
  plainSecret?: boolean;
  /** Share Durable Object storage with another instance (a directory). */
  persistTo?: string;
}

export interface RunningWorker {
  url: string;
  mf: Miniflare;
  dir: string;
  close(): Promise<void>;
}

/** A project directory holding the bundle and its sealed config; returns the secrets to bind. */
export async function workerProject(config: Config, plainSecret = false): Promise<{ dir: string; secrets: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'llm-router-worker-'));
  cpSync(DIST, dir, { recursive: true });
  const { masterKey, ...rest } = config;
  const secrets: Record<string, string> = masterKey ? { LLM_ROUTER_MASTER_KEY: masterKey } : {};
  if (plainSecret) {
    secrets.LLM_ROUTER_CONFIG_JSON = JSON.stringify(rest);
  } else {
    const key = newSealKey();
    writeFileSync(join(dir, 'sealed-config.js'), `export default ${JSON.stringify(await sealText(JSON.stringify(rest), key))};\n`);
    secrets.LLM_ROUTER_CONFIG_KEY = key;
  }
  return { dir, secrets };
}

export function miniflareOptions(dir: string, bindings: Record<string, string>, opts: WorkerOptions = {}): MiniflareOptions {
  return {
    modules: true,
    scriptPath: join(dir, 'worker.js'),
    modulesRoot: dir,
    modulesRules: [{ type: 'ESModule', include: ['**/*.js'] }],
    compatibilityDate: COMPATIBILITY_DATE,
    bindings,
    ...(opts.durable === false ? {} : { durableObjects: { LLM_ROUTER_STATE: { className: 'RoutingStateObject', useSQLite: true } } }),
    ...(opts.persistTo ? { durableObjectsPersist: opts.persistTo } : {}),
    host: '127.0.0.1',
    port: 0,
  };
}

export async function startWorker(config: Config, opts: WorkerOptions = {}): Promise<RunningWorker> {
  const { dir, secrets } = await workerProject(config, opts.plainSecret);
  const mf = new Miniflare(miniflareOptions(dir, { ...secrets, ...opts.bindings }, opts));
  const url = (await mf.ready).toString().replace(/\/$/, '');
  return {
    url,
    mf,
    dir,
    close: async () => {
      await mf.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
