/**
 * Route references: `provider/model` (split at the first "/", so
 * `openrouter/anthropic/claude-x` works), an alias id, or `alias:<id>`.
 */
import type { Config, Model, ModelAlias, Provider } from './schema.js';

export const PROVIDER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const ALIAS_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export type RouteRef = { kind: 'model'; providerId: string; modelId: string } | { kind: 'alias'; aliasId: string };

export type ResolvedRef = { kind: 'model'; ref: string; provider: Provider; model: Model } | { kind: 'alias'; ref: string; aliasId: string; alias: ModelAlias };

export function parseRouteRef(text: string): RouteRef | { error: string } {
  const ref = text.trim();
  if (ref === '') return { error: 'empty route reference' };
  if (ref.startsWith('alias:')) {
    const aliasId = ref.slice('alias:'.length);
    return ALIAS_ID_PATTERN.test(aliasId) ? { kind: 'alias', aliasId } : { error: `malformed alias reference ${JSON.stringify(text)}` };
  }
  const slash = ref.indexOf('/');
  if (slash === -1) {
    return ALIAS_ID_PATTERN.test(ref)
      ? { kind: 'alias', aliasId: ref }
      : { error: `malformed route reference ${JSON.stringify(text)}: expected provider/model or an alias id` };
  }
  const providerId = ref.slice(0, slash);
  const modelId = ref.slice(slash + 1);
  if (providerId === '' || modelId === '') {
    return { error: `malformed route reference ${JSON.stringify(text)}: expected provider/model` };
  }
  return { kind: 'model', providerId, modelId };
}

export function modelRef(providerId: string, modelId: string): string {
  return `${providerId}/${modelId}`;
}

export function findProvider(config: Config, providerId: string): Provider | undefined {
  return config.providers.find((p) => p.id === providerId);
}

export function findModel(provider: Provider, modelId: string): Model | undefined {
  return provider.models.find((m) => m.id === modelId) ?? provider.models.find((m) => m.aliases?.includes(modelId));
}

function didYouMean(wanted: string, known: readonly string[]): string {
  const lower = wanted.toLowerCase();
  const close = known.find((k) => k.toLowerCase() === lower);
  if (close) return ` (did you mean "${close}"?)`;
  return known.length > 0 ? ` (known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', ...' : ''})` : '';
}

export function unknownProviderMessage(config: Config, providerId: string): string {
  return `unknown provider "${providerId}"${didYouMean(
    providerId,
    config.providers.map((p) => p.id),
  )}`;
}

export function unknownModelMessage(provider: Provider, modelId: string): string {
  return `provider "${provider.id}" has no model "${modelId}"${didYouMean(
    modelId,
    provider.models.map((m) => m.id),
  )}`;
}

/** Resolves a reference against the config, or says precisely why it does not resolve. */
export function resolveRouteRef(config: Config, text: string): ResolvedRef | { error: string } {
  const parsed = parseRouteRef(text);
  if ('error' in parsed) return parsed;
  const ref = text.trim();
  if (parsed.kind === 'alias') {
    const alias = config.modelAliases?.[parsed.aliasId];
    if (alias) return { kind: 'alias', ref, aliasId: parsed.aliasId, alias };
    const aliases = Object.keys(config.modelAliases ?? {});
    return {
      error: `unknown alias "${parsed.aliasId}"${didYouMean(parsed.aliasId, aliases)}; models are referenced as provider/model`,
    };
  }
  const provider = findProvider(config, parsed.providerId);
  if (!provider) return { error: unknownProviderMessage(config, parsed.providerId) };
  const model = findModel(provider, parsed.modelId);
  if (!model) return { error: unknownModelMessage(provider, parsed.modelId) };
  return { kind: 'model', ref, provider, model };
}

/** The canonical spelling of a resolvable reference (`provider/modelId`, or the alias id). */
export function canonicalRef(resolved: ResolvedRef): string {
  return resolved.kind === 'model' ? modelRef(resolved.provider.id, resolved.model.id) : resolved.aliasId;
}
