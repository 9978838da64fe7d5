/**
 * The Worker's config, from what the deploy left (ADR 0012): the sealed config compiled
 * into the bundle, opened with the LLM_ROUTER_CONFIG_KEY secret; else a plain config in a
 * secret as the seed deployed it (LLM_ROUTER_CONFIG_JSON, ROUTE_CONFIG_JSON or
 * LLM_ROUTER_JSON). LLM_ROUTER_MASTER_KEY overrides the config's masterKey. Opened once
 * per isolate and per distinct source, then cached.
 */
import { openSealed } from '../../config/sealed.js';
import { parseConfigText } from '../../config/parse-config.js';
import type { Config } from '../../config/schema.js';

export const CONFIG_SECRETS = ['LLM_ROUTER_CONFIG_JSON', 'ROUTE_CONFIG_JSON', 'LLM_ROUTER_JSON'] as const;

export type WorkerConfig = { ok: true; config: Config; source: string } | { ok: false; problem: string };

let cached: { key: unknown[]; value: Promise<WorkerConfig> } | undefined;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

async function load(sealed: string | null, env: Record<string, unknown>): Promise<WorkerConfig> {
  let raw: string | undefined;
  let source: string;
  if (sealed) {
    const key = text(env.LLM_ROUTER_CONFIG_KEY);
    if (!key) return { ok: false, problem: 'the Worker has a sealed config but no LLM_ROUTER_CONFIG_KEY secret: run llm-router deploy again' };
    try {
      raw = await openSealed(sealed, key);
    } catch (err) {
      return { ok: false, problem: (err as Error).message };
    }
    source = 'sealed';
  } else {
    const name = CONFIG_SECRETS.find((n) => text(env[n]));
    if (!name) return { ok: false, problem: 'the Worker has no config: deploy it with llm-router deploy (or set the LLM_ROUTER_CONFIG_JSON secret)' };
    raw = text(env[name])!;
    source = name;
  }
  let config: Config;
  try {
    config = parseConfigText(raw, source === 'sealed' ? 'the sealed config' : source);
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
  const masterKey = text(env.LLM_ROUTER_MASTER_KEY);
  if (masterKey) config = { ...config, masterKey };
  if (!config.masterKey) return { ok: false, problem: 'the Worker needs a master key: set the LLM_ROUTER_MASTER_KEY secret (llm-router worker-key)' };
  return { ok: true, config, source };
}

/** What the config depends on: compared item by item, so a request costs no copy of a large config. */
const SOURCES = ['LLM_ROUTER_CONFIG_KEY', ...CONFIG_SECRETS, 'LLM_ROUTER_MASTER_KEY'] as const;

export function workerConfig(sealed: string | null, env: Record<string, unknown>): Promise<WorkerConfig> {
  const key = [sealed, ...SOURCES.map((n) => env[n])];
  if (!cached || cached.key.some((v, i) => v !== key[i])) cached = { key, value: load(sealed, env) };
  return cached.value;
}
