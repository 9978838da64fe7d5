/**
 * Folds the seed's alternate spellings into the canonical v2 shape, in place of the
 * original key so key order (and every unknown field) survives. Pure: returns a new
 * value plus the problems it found (both spellings of one field with different values,
 * an unparseable window string, ...). Shape checking is the schema's job.
 */
import type { ConfigIssue, ConfigPath } from './config-path.js';
import { slugify, uniqueId } from './slug.js';
import { normalizeWindowUnit, parseWindow } from './window.js';

type Obj = Record<string, unknown>;
type Renames = Record<string, readonly string[]>;

const TOP: Renames = { masterKey: ['master-key'], defaultModel: ['default-model'], modelAliases: ['model-aliases'] };
const PROVIDER: Renames = {
  baseUrl: ['base-url', 'endpoint'],
  baseUrlByFormat: ['base-url-by-format', 'endpointByFormat', 'endpoint-by-format', 'endpoints'],
  apiKey: ['api-key', 'credential'],
  apiKeyEnv: ['api-key-env'],
  format: ['responseFormat', 'response-format'],
  authByFormat: ['auth-by-format'],
  anthropicVersion: ['anthropic-version'],
  anthropicBeta: ['anthropic-beta'],
  rateLimits: ['rate-limits'],
};
const BY_FORMAT: Renames = { claude: ['anthropic'] };
const AUTH: Renames = { type: ['kind'], headerName: ['header', 'header-name'] };
const MODEL: Renames = {
  aliases: ['alias'],
  formats: ['format'],
  contextWindow: ['context-window'],
  fallbackModels: ['fallback-models', 'silentFallbacks', 'silent-fallbacks', 'fallbacks'],
};
const BUCKET: Renames = { models: ['model'] };
const ALIAS: Renames = { fallbackTargets: ['fallback-targets', 'fallbacks'] };
const STRATEGY_SYNONYMS: Record<string, string> = { automatic: 'auto', smart: 'auto' };

/** Every spelling we accept for each canonical key, for mapping a path back to the file. */
export const KEY_SPELLINGS: Renames = { ...TOP, ...PROVIDER, ...BY_FORMAT, ...AUTH, ...MODEL, ...BUCKET, ...ALIAS };

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Normalizer {
  readonly issues: ConfigIssue[] = [];

  rename(obj: Obj, renames: Renames, path: ConfigPath): Obj {
    const canonicalOf = new Map<string, string>();
    for (const [canonical, alternates] of Object.entries(renames)) {
      for (const alt of alternates) canonicalOf.set(alt, canonical);
    }
    const out: Obj = {};
    const from: Record<string, string> = {};
    for (const [key, value] of Object.entries(obj)) {
      const canonical = canonicalOf.get(key) ?? key;
      if (canonical in out) {
        if (!sameJson(out[canonical], value)) {
          this.issues.push({ path: [...path, key], message: `"${key}" and "${from[canonical]}" both set ${canonical} to different values; keep one` });
        }
        if (canonical === key) out[canonical] = value;
        continue;
      }
      out[canonical] = value;
      from[canonical] = key;
    }
    return out;
  }

  config(raw: Obj): Obj {
    const out = this.rename(raw, TOP, []);
    if (Array.isArray(out.providers)) out.providers = out.providers.map((p, i) => (isObject(p) ? this.provider(p, ['providers', i]) : p));
    if (isObject(out.modelAliases)) {
      const aliases: Obj = {};
      for (const [id, alias] of Object.entries(out.modelAliases)) aliases[id] = isObject(alias) ? this.alias(alias, ['modelAliases', id]) : alias;
      out.modelAliases = aliases;
    }
    if (out.version === undefined) {
      const hasV2 = out.modelAliases !== undefined || (Array.isArray(out.providers) && out.providers.some((p) => isObject(p) && p.rateLimits !== undefined));
      return { version: hasV2 ? 2 : 1, ...out };
    }
    return out;
  }

  provider(raw: Obj, path: ConfigPath): Obj {
    const out = this.rename(raw, PROVIDER, path);
    out.format = format(out.format);
    if (out.format === undefined) delete out.format;
    if (Array.isArray(out.formats)) out.formats = out.formats.map(format);
    for (const key of ['baseUrlByFormat', 'authByFormat'] as const) {
      if (isObject(out[key])) out[key] = this.rename(out[key], BY_FORMAT, [...path, key]);
    }
    if (isObject(out.auth)) out.auth = this.rename(out.auth, AUTH, [...path, 'auth']);
    if (isObject(out.authByFormat)) {
      const byFormat = out.authByFormat;
      for (const [fmt, auth] of Object.entries(byFormat)) {
        if (isObject(auth)) byFormat[fmt] = this.rename(auth, AUTH, [...path, 'authByFormat', fmt]);
      }
    }
    if (Array.isArray(out.models)) out.models = out.models.map((m, i) => this.model(m, [...path, 'models', i]));
    if (Array.isArray(out.rateLimits)) {
      const taken = new Set<string>();
      for (const b of out.rateLimits) if (isObject(b) && typeof b.id === 'string') taken.add(b.id);
      out.rateLimits = out.rateLimits.map((b, i) => (isObject(b) ? this.bucket(b, [...path, 'rateLimits', i], i, taken) : b));
    }
    return out;
  }

  model(raw: unknown, path: ConfigPath): unknown {
    if (typeof raw === 'string') return { id: raw };
    if (!isObject(raw)) return raw;
    let source = raw;
    if (!('id' in raw)) {
      const idKey = 'name' in raw ? 'name' : 'model' in raw ? 'model' : undefined;
      if (idKey) source = this.rename(raw, { id: [idKey] }, path);
    }
    const out = this.rename(source, MODEL, path);
    if (typeof out.aliases === 'string') out.aliases = [out.aliases];
    if (typeof out.formats === 'string') out.formats = [out.formats];
    if (Array.isArray(out.formats)) out.formats = out.formats.map(format);
    return out;
  }

  bucket(raw: Obj, path: ConfigPath, index: number, taken: Set<string>): Obj {
    let out = this.rename(raw, BUCKET, path);
    if (typeof out.models === 'string') out.models = [out.models];
    out = this.bucketWindow(out, path);
    if (out.id === undefined) {
      const base = typeof out.name === 'string' && slugify(out.name) !== '' ? slugify(out.name) : `bucket-${index + 1}`;
      const id = uniqueId(base, taken);
      taken.add(id);
      out = { id, ...out };
    }
    return out;
  }

  bucketWindow(obj: Obj, path: ConfigPath): Obj {
    const unitKeys = ['windowUnit', 'window-unit'];
    const sizeKeys = ['windowSize', 'window-size'];
    const unitKey = unitKeys.find((k) => k in obj);
    const sizeKey = sizeKeys.find((k) => k in obj);
    const out: Obj = {};
    for (const [key, value] of Object.entries(obj)) {
      if (unitKeys.includes(key) || sizeKeys.includes(key)) {
        if (obj.window === undefined && key === (unitKey ?? sizeKey)) {
          out.window = { unit: obj[unitKey ?? ''] ?? 'minute', size: sizeKey === undefined ? 1 : obj[sizeKey] };
        }
        continue;
      }
      out[key] = value;
    }
    if (typeof out.window === 'string') {
      const parsed = parseWindow(out.window);
      if ('error' in parsed) this.issues.push({ path: [...path, 'window'], message: parsed.error });
      else out.window = parsed.window;
    }
    if (isObject(out.window) && typeof out.window.unit === 'string') {
      out.window = { ...out.window, unit: normalizeWindowUnit(out.window.unit) ?? out.window.unit };
    }
    return out;
  }

  alias(raw: Obj, path: ConfigPath): Obj {
    const out = this.rename(raw, ALIAS, path);
    if (typeof out.strategy === 'string') {
      const lower = out.strategy.toLowerCase();
      out.strategy = STRATEGY_SYNONYMS[lower] ?? lower;
    }
    for (const key of ['targets', 'fallbackTargets'] as const) {
      if (Array.isArray(out[key])) out[key] = out[key].map((t, i) => this.target(t, [...path, key, i]));
    }
    return out;
  }

  target(raw: unknown, path: ConfigPath): unknown {
    if (typeof raw === 'string') return { ref: raw };
    if (!isObject(raw) || 'ref' in raw) return raw;
    const refKey = ['target', 'route', 'model'].find((k) => k in raw);
    return refKey ? this.rename(raw, { ref: [refKey] }, path) : raw;
  }
}

function format(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const lower = value.toLowerCase();
  return lower === 'anthropic' ? 'claude' : lower;
}

export function normalizeConfig(raw: Obj): { value: Obj; issues: ConfigIssue[] } {
  const normalizer = new Normalizer();
  const value = normalizer.config(raw);
  return { value, issues: normalizer.issues };
}

/** Normalizes buckets given in file format (e.g. `--rate-limits` JSON); ids come from names when absent. */
export function normalizeBuckets(raw: readonly unknown[], takenIds: Iterable<string>): { value: unknown[]; issues: ConfigIssue[] } {
  const normalizer = new Normalizer();
  const taken = new Set(takenIds);
  for (const b of raw) if (isObject(b) && typeof b.id === 'string') taken.add(b.id);
  const value = raw.map((b, i) => (isObject(b) ? normalizer.bucket(b, [i], i, taken) : b));
  return { value, issues: normalizer.issues };
}

/** Deep equality of parsed JSON values (no node:util, so config parsing runs on the Worker too). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
