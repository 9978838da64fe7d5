/**
 * Cross-field rules the schema cannot express: ids unique, every reference known,
 * no alias cycles, every declared format reachable, headers safe to send.
 * Input is a config that already passed `configSchema`.
 */
import type { ConfigIssue, ConfigPath } from './config-path.js';
import { ALIAS_ID_PATTERN, PROVIDER_ID_PATTERN, modelRef, resolveRouteRef } from './refs.js';
import { FORMATS, type AliasTarget, type Config, type Format, type Provider } from './schema.js';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FORBIDDEN_HEADERS = new Set(['connection', 'content-length', 'host', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export function isEnabled(item: { enabled?: boolean | undefined }): boolean {
  return item.enabled !== false;
}

/** Formats a provider can be called in: declared formats, endpoint keys and the preferred format. */
export function providerFormats(provider: Provider): Format[] {
  const out = new Set<Format>();
  if (provider.format) out.add(provider.format);
  for (const f of provider.formats ?? []) out.add(f);
  for (const f of FORMATS) if (provider.baseUrlByFormat?.[f]) out.add(f);
  return [...out];
}

export function headerProblem(name: string, value: string): string | undefined {
  if (!HEADER_NAME.test(name)) return `"${name}" is not a valid HTTP header name`;
  const lower = name.toLowerCase();
  if (FORBIDDEN_HEADERS.has(lower) || lower.startsWith('proxy-')) return `header "${name}" is managed by the connection and cannot be set`;
  if (/[\r\n\0]/.test(value)) return `header "${name}" value must not contain CR, LF or NUL`;
  return undefined;
}

function validateProvider(config: Config, provider: Provider, path: ConfigPath, issues: ConfigIssue[]): void {
  const push = (sub: ConfigPath, message: string) => issues.push({ path: [...path, ...sub], message });
  if (!PROVIDER_ID_PATTERN.test(provider.id)) {
    push(['id'], `provider id "${provider.id}" must start with a letter or digit and use only letters, digits, ".", "_" and "-"`);
  }
  const formats = providerFormats(provider);
  if (isEnabled(provider)) {
    if (provider.models.length === 0) push(['models'], 'an enabled provider needs at least one model');
    if (formats.length === 0) push(['format'], 'provider needs a format: "openai", "claude" or "responses"');
    for (const f of formats) {
      if (!provider.baseUrlByFormat?.[f] && !provider.baseUrl) push(['baseUrl'], `no URL for format "${f}": set baseUrl or baseUrlByFormat.${f}`);
    }
  }
  const seenModels = new Map<string, number>();
  provider.models.forEach((model, i) => {
    for (const name of [model.id, ...(model.aliases ?? [])]) {
      const first = seenModels.get(name);
      if (first !== undefined && first !== i) push(['models', i, 'id'], `model "${name}" is defined twice in provider "${provider.id}"`);
      else seenModels.set(name, i);
    }
    for (const f of model.formats ?? []) {
      if (formats.length > 0 && !formats.includes(f))
        push(['models', i, 'formats'], `format "${f}" is not one of the provider's formats (${formats.join(', ')})`);
    }
    const self = modelRef(provider.id, model.id);
    const seenFallbacks = new Set<string>();
    (model.fallbackModels ?? []).forEach((ref, j) => {
      const at: ConfigPath = ['models', i, 'fallbackModels', j];
      const resolved = resolveRouteRef(config, ref);
      if ('error' in resolved) return push(at, `fallback ${resolved.error}`);
      if (resolved.kind !== 'model') return push(at, `fallback "${ref}" must be a provider/model reference, not an alias`);
      const canonical = modelRef(resolved.provider.id, resolved.model.id);
      if (canonical === self) return push(at, `model "${self}" cannot fall back to itself`);
      if (seenFallbacks.has(canonical)) return push(at, `fallback "${ref}" is listed twice`);
      seenFallbacks.add(canonical);
    });
  });
  for (const [name, value] of Object.entries(provider.headers ?? {})) {
    const problem = headerProblem(name, value);
    if (problem) push(['headers', name], problem);
  }
  const betas = provider.anthropicBeta === undefined ? [] : [provider.anthropicBeta].flat();
  if (betas.some((b) => /[\r\n\0]/.test(b))) push(['anthropicBeta'], 'must not contain CR, LF or NUL');
  const bucketIds = new Set<string>();
  (provider.rateLimits ?? []).forEach((bucket, i) => {
    if (bucketIds.has(bucket.id)) push(['rateLimits', i, 'id'], `duplicate bucket id "${bucket.id}" in provider "${provider.id}"`);
    bucketIds.add(bucket.id);
    if (bucket.models.includes('all')) {
      if (bucket.models.length > 1) push(['rateLimits', i, 'models'], '"all" cannot be combined with model ids');
      return;
    }
    bucket.models.forEach((modelId, j) => {
      if (!seenModels.has(modelId))
        push(['rateLimits', i, 'models', j], `bucket "${bucket.id}" names model "${modelId}" that provider "${provider.id}" does not have`);
    });
  });
}

function validateTargets(config: Config, targets: readonly AliasTarget[], path: ConfigPath, issues: ConfigIssue[]): void {
  const seen = new Set<string>();
  targets.forEach((target, i) => {
    const resolved = resolveRouteRef(config, target.ref);
    if ('error' in resolved) return void issues.push({ path: [...path, i, 'ref'], message: resolved.error });
    const key = resolved.kind === 'model' ? modelRef(resolved.provider.id, resolved.model.id) : `alias:${resolved.aliasId}`;
    if (seen.has(key)) issues.push({ path: [...path, i, 'ref'], message: `target "${target.ref}" is listed twice` });
    seen.add(key);
  });
}

/** Alias ids each alias refers to (targets and fallback targets). */
function aliasEdges(config: Config, aliasId: string): string[] {
  const alias = config.modelAliases?.[aliasId];
  if (!alias) return [];
  const out: string[] = [];
  for (const target of [...alias.targets, ...(alias.fallbackTargets ?? [])]) {
    const resolved = resolveRouteRef(config, target.ref);
    if (!('error' in resolved) && resolved.kind === 'alias') out.push(resolved.aliasId);
  }
  return out;
}

/** The first alias cycle found, as the ids along it (first id repeated at the end). */
export function findAliasCycle(config: Config): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of aliasEdges(config, id)) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of Object.keys(config.modelAliases ?? {})) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

export function validateConfig(config: Config): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const providerIds = new Map<string, string>();
  config.providers.forEach((provider, i) => {
    const lower = provider.id.toLowerCase();
    const clash = providerIds.get(lower);
    if (clash !== undefined) {
      issues.push({
        path: ['providers', i, 'id'],
        message: clash === provider.id ? `duplicate provider id "${provider.id}"` : `provider id "${provider.id}" differs from "${clash}" only by case`,
      });
    }
    providerIds.set(lower, provider.id);
    validateProvider(config, provider, ['providers', i], issues);
  });
  for (const [id, alias] of Object.entries(config.modelAliases ?? {})) {
    const path: ConfigPath = ['modelAliases', id];
    if (!ALIAS_ID_PATTERN.test(id))
      issues.push({ path, message: `alias id "${id}" must start with a letter or digit and use only letters, digits, ".", "_", ":" and "-"` });
    if (alias.id !== undefined && alias.id !== id) issues.push({ path: [...path, 'id'], message: `alias id "${alias.id}" does not match its key "${id}"` });
    validateTargets(config, alias.targets, [...path, 'targets'], issues);
    validateTargets(config, alias.fallbackTargets ?? [], [...path, 'fallbackTargets'], issues);
  }
  const cycle = findAliasCycle(config);
  if (cycle) issues.push({ path: ['modelAliases', cycle[0] ?? ''], message: `alias cycle: ${cycle.join(' -> ')}` });
  if (config.defaultModel !== undefined) {
    const resolved = resolveRouteRef(config, config.defaultModel);
    if ('error' in resolved) issues.push({ path: ['defaultModel'], message: resolved.error });
  }
  return issues;
}
