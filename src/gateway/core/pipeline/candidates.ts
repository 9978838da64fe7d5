/**
 * Model name -> the route's targets (provider, model, upstream format, weight, tier) and
 * strategy, for the planner. A direct provider/model ref is the primary tier and its
 * fallbackModels the fallback tier (ordered); an alias expands its targets (nested
 * aliases included, cycle-safe, the top-level weight applying to what they expand to)
 * and its fallbackTargets form the fallback tier.
 */
import type { CanonicalError, WireFormat } from '../../../formats/index.js';
import { modelRef, resolveRouteRef } from '../../../config/refs.js';
import { DEFAULT_STRATEGY, type Config, type Format, type Model, type Provider, type Strategy } from '../../../config/schema.js';
import { isEnabled, providerFormats } from '../../../config/validate-config.js';
import { gatewayError } from '../error-catalog.js';

export interface Candidate {
  ref: string;
  provider: Provider;
  model: Model;
  /** Config format of the upstream call: openai (Chat) or claude (Messages). */
  format: Format;
  tier: 'primary' | 'fallback';
  weight: number;
}

export const CONFIG_FORMAT_OF: Record<WireFormat, Format> = { 'openai-chat': 'openai', 'anthropic-messages': 'claude', 'openai-responses': 'responses' };

function chooseFormat(provider: Provider, model: Model, client: WireFormat): Format | undefined {
  const supported = providerFormats(provider);
  const formats = model.formats?.length ? model.formats.filter((f) => supported.includes(f)) : supported;
  const native = CONFIG_FORMAT_OF[client];
  return native && formats.includes(native) ? native : formats[0];
}

export interface CandidatePlan {
  ref: string;
  /** Cursor key: route type, ref and client format. */
  route: string;
  strategy: Strategy;
  candidates: Candidate[];
  /** `provider/model:reason` for every target left out (disabled, format-incompatible). */
  skipped: string[];
}

export type Resolution = Readonly<CandidatePlan> | { error: CanonicalError };

/**
 * Resolutions per config object, per client format and requested model. A config is never
 * changed in place (a reload swaps in a new object, which starts a new cache), so a model
 * name resolves once per config instead of once per request. Bounded: clients name models.
 */
const resolutions = new WeakMap<Config, Map<string, Resolution>>();
const MAX_RESOLUTIONS = 256;

export function resolveCandidates(config: Config, requested: string | undefined, client: WireFormat): Resolution {
  let known = resolutions.get(config);
  if (!known) resolutions.set(config, (known = new Map()));
  const key = `${client} ${requested ?? ''}`;
  let resolution = known.get(key);
  if (!resolution) {
    resolution = resolve(config, requested, client);
    if (!('error' in resolution)) {
      Object.freeze(resolution.candidates);
      Object.freeze(resolution.skipped);
    }
    if (known.size >= MAX_RESOLUTIONS) known.clear();
    known.set(key, resolution);
  }
  return resolution;
}

function resolve(config: Config, requested: string | undefined, client: WireFormat): CandidatePlan | { error: CanonicalError } {
  if (!config.providers.some(isEnabled)) {
    return {
      error: gatewayError(
        'no_providers',
        'llm-router has no providers configured yet. Add one: ' +
          'llm-router config --operation=upsert-provider --name=... --base-url=... --api-key=... --models=... --format=openai|claude|responses',
      ),
    };
  }
  // "smart" (the seed's name for "the default model") routes to an alias of that name when one exists.
  const useDefault = requested === undefined || requested === '' || (requested === 'smart' && config.modelAliases?.smart === undefined);
  const ref = useDefault ? config.defaultModel : requested;
  if (ref === undefined) return { error: gatewayError('no_default_model', 'the request names no model and no defaultModel is configured', 'model') };
  const root = resolveRouteRef(config, ref);
  if ('error' in root)
    return { error: gatewayError('model_not_found', `model "${ref}" is not configured: ${root.error}. GET /v1/models lists what is.`, 'model') };
  const out: Candidate[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const add = (provider: Provider, model: Model, tier: Candidate['tier'], weight: number) => {
    const key = modelRef(provider.id, model.id);
    if (seen.has(key)) return;
    seen.add(key);
    const format = chooseFormat(provider, model, client);
    const reason = !isEnabled(provider) ? 'provider-disabled' : !isEnabled(model) ? 'disabled' : !format ? 'format-incompatible' : undefined;
    if (reason || !format) {
      skipped.push(`${key}:${reason ?? 'format-incompatible'}`);
      return;
    }
    out.push({ ref: key, provider, model, format, tier, weight });
  };
  const expand = (text: string, tier: Candidate['tier'], weight: number, visiting: Set<string>, withFallbacks: boolean) => {
    const resolved = resolveRouteRef(config, text);
    if ('error' in resolved) return;
    if (resolved.kind === 'model') {
      add(resolved.provider, resolved.model, tier, weight);
      if (withFallbacks) for (const fb of resolved.model.fallbackModels ?? []) expand(fb, 'fallback', 1, visiting, false);
      return;
    }
    if (visiting.has(resolved.aliasId)) return;
    const next = new Set(visiting).add(resolved.aliasId);
    const top = visiting.size === 0;
    for (const target of resolved.alias.targets) expand(target.ref, tier, top ? (target.weight ?? 1) : weight, next, false);
    for (const target of resolved.alias.fallbackTargets ?? []) expand(target.ref, 'fallback', top ? (target.weight ?? 1) : weight, next, false);
  };
  expand(ref, 'primary', 1, new Set(), true);
  if (out.length === 0)
    return { error: gatewayError('no_usable_target', `every model behind "${ref}" is disabled or speaks no usable format (${skipped.join(', ')})`) };
  const strategy = root.kind === 'alias' ? (root.alias.strategy ?? DEFAULT_STRATEGY) : 'ordered';
  return { ref, route: `${root.kind}:${ref}@${client}`, strategy, candidates: out, skipped };
}
