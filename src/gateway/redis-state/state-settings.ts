/**
 * Which routing-state backend the daemon uses, from the config's `state` section and
 * LLM_ROUTER_STATE_URL (a Redis URL there selects Redis and wins over the file's URL).
 */
import { createHash } from 'node:crypto';
import { RouterError } from '../../errors/router-error.js';
import type { Config } from '../../config/schema.js';

export type StateBackendSettings =
  { backend: 'file' } | { backend: 'redis'; url: string; keyPrefix: string; namespace: string; failMode: 'open' | 'closed'; timeoutMs: number };

const DEFAULT_PREFIX = 'llmr:';
const DEFAULT_TIMEOUT_MS = 50;

/**
 * The default namespace: instances with the same master key and the same providers share
 * state; another team's config (another key, other providers) gets other keys.
 */
export function configIdentity(config: Config): string {
  const providers = config.providers.map((p) => `${p.id}\u0000${p.baseUrl ?? ''}`).sort();
  return createHash('sha256')
    .update(JSON.stringify({ key: config.masterKey ?? '', providers }))
    .digest('hex')
    .slice(0, 12);
}

export function stateBackendSettings(config: Config, env: NodeJS.ProcessEnv): StateBackendSettings {
  const section = config.state ?? {};
  const envUrl = env.LLM_ROUTER_STATE_URL?.trim();
  if (envUrl && !/^rediss?:\/\/\S+$/.test(envUrl)) {
    throw new RouterError('INVALID_INPUT', 'LLM_ROUTER_STATE_URL must be a redis:// or rediss:// URL');
  }
  const url = envUrl || section.url;
  const backend = envUrl ? 'redis' : (section.backend ?? (section.url ? 'redis' : 'file'));
  if (backend === 'file') return { backend: 'file' };
  if (!url) throw new RouterError('CONFIG_INVALID', 'state.backend is "redis" but no URL is set: add state.url or LLM_ROUTER_STATE_URL', { path: 'state.url' });
  return {
    backend: 'redis',
    url,
    keyPrefix: section.keyPrefix ?? DEFAULT_PREFIX,
    namespace: section.namespace ?? configIdentity(config),
    failMode: section.failMode ?? 'open',
    timeoutMs: section.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/** Whether two settings name the same backend (a reload that changes it needs a restart). */
export function sameBackend(a: StateBackendSettings, b: StateBackendSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
