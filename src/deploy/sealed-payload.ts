/**
 * The config as the Worker gets it: read from the local file, the master key taken out (its
 * secret is authoritative), keys named by `apiKeyEnv` resolved from this environment (the
 * Worker has none), local-only state settings dropped; then sealed with a new key
 * (src/config/sealed.ts) into the `sealed-config.js` module.
 */
import { RouterError } from '../errors/router-error.js';
import { newSealKey, sealText } from '../config/sealed.js';
import { readConfig } from '../config/store.js';
import type { Config } from '../config/schema.js';

export interface LocalConfig {
  path: string;
  config: Config;
}

export async function readLocalConfig(path: string): Promise<LocalConfig> {
  const snapshot = await readConfig(path);
  if (!snapshot.exists)
    throw new RouterError('CONFIG_INVALID', `no config at ${path}: add a provider first (llm-router config --operation=upsert-provider --help)`, {
      file: path,
    });
  return { path, config: snapshot.config };
}

export interface WorkerConfig {
  config: Config;
  providers: string[];
  warnings: string[];
}

const LOCAL_HOST =
  /^(localhost|.*\.localhost|.*\.local|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+)$/i;

function isLocalUrl(url: string): boolean {
  try {
    return LOCAL_HOST.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

export function workerConfig(local: Config, env: NodeJS.ProcessEnv): WorkerConfig {
  const config = structuredClone(local);
  delete config.masterKey;
  // The Worker keeps routing state in its Durable Object or in memory, never a file or Redis.
  delete config.state;
  const warnings: string[] = [];
  const providers: string[] = [];
  for (const provider of config.providers) {
    if (provider.enabled === false) continue;
    providers.push(provider.id);
    if (provider.apiKey === undefined && provider.apiKeyEnv) {
      const value = env[provider.apiKeyEnv];
      if (value && value.length > 0) provider.apiKey = value;
      else warnings.push(`provider ${provider.id}: $${provider.apiKeyEnv} is not set here, so the Worker gets no key for it (its requests will fail)`);
    }
    if (provider.apiKey !== undefined) delete provider.apiKeyEnv;
    const local = [provider.baseUrl, ...Object.values(provider.baseUrlByFormat ?? {})].filter((u): u is string => typeof u === 'string' && isLocalUrl(u));
    if (local.length > 0) warnings.push(`provider ${provider.id}: ${local[0]} is a local address the Worker cannot reach`);
  }
  if (providers.length === 0)
    throw new RouterError('CONFIG_INVALID', 'the config has no enabled provider, so the Worker would have nothing to route to', { path: 'providers' });
  return { config, providers, warnings };
}

export interface SealedConfig {
  /** The secret LLM_ROUTER_CONFIG_KEY. */
  key: string;
  sealed: string;
  /** The `sealed-config.js` module text. */
  module: string;
}

export async function sealWorkerConfig(config: Config): Promise<SealedConfig> {
  const key = newSealKey();
  const sealed = await sealText(JSON.stringify(config), key);
  return { key, sealed, module: `export default ${JSON.stringify(sealed)};\n` };
}
