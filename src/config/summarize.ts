/** Secret-free summaries of a config, for listings (CLI now, TUI later). */
import { maskHeaders, maskSecret, maskUrl } from './mask.js';
import { modelRef } from './refs.js';
import { DEFAULT_STRATEGY, type Config, type Provider } from './schema.js';
import { isEnabled, providerFormats } from './validate-config.js';
import { describeWindow, formatWindow } from './window.js';

export function summarizeProvider(provider: Provider) {
  return {
    id: provider.id,
    name: provider.name ?? provider.id,
    enabled: isEnabled(provider),
    formats: providerFormats(provider),
    baseUrl: maskUrl(provider.baseUrl) ?? null,
    baseUrlByFormat: provider.baseUrlByFormat ? Object.fromEntries(Object.entries(provider.baseUrlByFormat).map(([f, u]) => [f, maskUrl(u as string)])) : null,
    apiKey: maskSecret(provider.apiKey) ?? null,
    apiKeyEnv: provider.apiKeyEnv ?? null,
    auth: provider.auth?.type ?? null,
    headers: maskHeaders(provider.headers) ?? {},
    models: provider.models.map((m) => ({
      id: m.id,
      ref: modelRef(provider.id, m.id),
      enabled: isEnabled(m),
      formats: m.formats ?? [],
      aliases: m.aliases ?? [],
      fallbackModels: m.fallbackModels ?? [],
      contextWindow: m.contextWindow ?? null,
    })),
    rateLimits: (provider.rateLimits ?? []).map((b) => ({
      id: b.id,
      name: b.name ?? b.id,
      models: b.models,
      requests: b.requests,
      window: formatWindow(b.window),
    })),
  };
}

export function summarizeAliases(config: Config) {
  return Object.entries(config.modelAliases ?? {}).map(([id, alias]) => ({
    id,
    strategy: alias.strategy ?? DEFAULT_STRATEGY,
    targets: alias.targets.map((t) => ({ ref: t.ref, weight: t.weight ?? 1 })),
    fallbackTargets: (alias.fallbackTargets ?? []).map((t) => ({ ref: t.ref, weight: t.weight ?? 1 })),
  }));
}

export function summarizeConfig(config: Config, configPath: string, exists: boolean) {
  return {
    configPath,
    exists,
    version: config.version,
    defaultModel: config.defaultModel ?? null,
    masterKey: maskSecret(config.masterKey) ?? null,
    providers: config.providers.map(summarizeProvider),
    aliases: summarizeAliases(config),
    state: config.state ? { ...config.state, ...(config.state.url ? { url: maskUrl(config.state.url) } : {}) } : null,
  };
}

export function summarizeRouting(config: Config) {
  const routes = config.providers.flatMap((provider) =>
    provider.models.map((model) => ({
      ref: modelRef(provider.id, model.id),
      enabled: isEnabled(provider) && isEnabled(model),
      fallbackModels: model.fallbackModels ?? [],
      buckets: (provider.rateLimits ?? [])
        .filter((b) => b.models.includes('all') || b.models.includes(model.id))
        .map((b) => ({ id: b.id, requests: b.requests, window: formatWindow(b.window), description: `${b.requests} requests ${describeWindow(b.window)}` })),
    })),
  );
  return { defaultModel: config.defaultModel ?? null, aliases: summarizeAliases(config), routes };
}
