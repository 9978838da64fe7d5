/** Helpers shared by operations: lookups that fail precisely, and removal with its cascade. */
import { RouterError } from '../../errors/router-error.js';
import { findModel, findProvider, modelRef, resolveRouteRef, unknownModelMessage, unknownProviderMessage } from '../refs.js';
import type { Config, Model, Provider } from '../schema.js';
import { isEnabled } from '../validate-config.js';

export function cloneConfig(config: Config): Config {
  return structuredClone(config);
}

export function requireProvider(config: Config, providerId: string): Provider {
  const provider = findProvider(config, providerId);
  if (!provider) throw new RouterError('NOT_FOUND', unknownProviderMessage(config, providerId), { path: 'provider-id' });
  return provider;
}

export function requireModel(provider: Provider, modelId: string): Model {
  const model = findModel(provider, modelId);
  if (!model) throw new RouterError('NOT_FOUND', unknownModelMessage(provider, modelId), { path: 'model' });
  return model;
}

/** The first enabled provider/model, for re-pointing `defaultModel`. */
export function firstModelRef(config: Config): string | undefined {
  for (const provider of config.providers) {
    if (!isEnabled(provider)) continue;
    const model = provider.models.find(isEnabled);
    if (model) return modelRef(provider.id, model.id);
  }
  return undefined;
}

/**
 * Removes every reference to the given models (`provider/modelId` refs) from `next`:
 * other models' fallbacks, alias targets, bucket scopes, the default model. `before`
 * is the config the refs are resolved against. Returns what it changed, for the user.
 * Refuses when an alias would be left with no targets.
 */
export function removeModelRefs(before: Config, next: Config, removed: ReadonlySet<string>): string[] {
  const notes: string[] = [];
  const isRemoved = (ref: string): boolean => {
    const resolved = resolveRouteRef(before, ref);
    return !('error' in resolved) && resolved.kind === 'model' && removed.has(modelRef(resolved.provider.id, resolved.model.id));
  };
  for (const provider of next.providers) {
    for (const model of provider.models) {
      if (!model.fallbackModels) continue;
      const kept = model.fallbackModels.filter((ref) => !isRemoved(ref));
      if (kept.length !== model.fallbackModels.length) {
        notes.push(`removed from the fallbacks of ${modelRef(provider.id, model.id)}`);
        if (kept.length > 0) model.fallbackModels = kept;
        else delete model.fallbackModels;
      }
    }
  }
  for (const [id, alias] of Object.entries(next.modelAliases ?? {})) {
    const targets = alias.targets.filter((t) => !isRemoved(t.ref));
    if (targets.length === 0) {
      throw new RouterError(
        'INVALID_INPUT',
        `alias "${id}" would be left with no targets; retarget it first (--operation=upsert-model-alias --alias-id=${id} --targets=...) ` +
          `or remove it (--operation=remove-model-alias --alias-id=${id})`,
      );
    }
    if (targets.length !== alias.targets.length) notes.push(`removed from the targets of alias ${id}`);
    alias.targets = targets;
    if (alias.fallbackTargets) {
      const fallbacks = alias.fallbackTargets.filter((t) => !isRemoved(t.ref));
      if (fallbacks.length !== alias.fallbackTargets.length) notes.push(`removed from the fallback targets of alias ${id}`);
      if (fallbacks.length > 0) alias.fallbackTargets = fallbacks;
      else delete alias.fallbackTargets;
    }
  }
  for (const provider of next.providers) {
    if (!provider.rateLimits) continue;
    provider.rateLimits = provider.rateLimits.filter((bucket) => {
      if (bucket.models.includes('all')) return true;
      const kept = bucket.models.filter((m) => !removed.has(modelRef(provider.id, m)));
      if (kept.length === bucket.models.length) return true;
      bucket.models = kept;
      notes.push(
        kept.length === 0
          ? `bucket ${provider.id}/${bucket.id} removed (it covered only removed models)`
          : `removed from the scope of bucket ${provider.id}/${bucket.id}`,
      );
      return kept.length > 0;
    });
  }
  if (next.defaultModel !== undefined && isRemoved(next.defaultModel)) {
    const replacement = firstModelRef(next);
    if (replacement) {
      next.defaultModel = replacement;
      notes.push(`default model is now ${replacement}`);
    } else {
      delete next.defaultModel;
      notes.push('default model cleared');
    }
  }
  return notes;
}

/** A copy of `obj` with `order`'s keys first (those present), then the rest as they were. */
export function withKeyOrder<T extends object>(obj: T, order: readonly (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const key of order) if (key in obj) out[key] = obj[key];
  return Object.assign(out, obj) as T;
}
