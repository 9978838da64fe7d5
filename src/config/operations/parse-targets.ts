/**
 * Alias target lists as typed on a command line: `ref@weight` entries separated by
 * commas, semicolons, spaces or newlines (the seed's `ref:weight` too, when `ref`
 * alone resolves), or a JSON array of refs / `{ref, weight}` objects.
 */
import { RouterError } from '../../errors/router-error.js';
import { canonicalRef, resolveRouteRef } from '../refs.js';
import type { AliasTarget, Config } from '../schema.js';

function parseWeight(text: string, entry: string, flag: string): number {
  const weight = Number(text);
  if (text.trim() === '' || !Number.isFinite(weight) || weight <= 0) {
    throw new RouterError('INVALID_INPUT', `${flag}: weight in "${entry}" must be a number greater than 0`, { path: flag });
  }
  return weight;
}

function splitEntry(config: Config, entry: string, flag: string): { ref: string; weight?: number } {
  const at = entry.lastIndexOf('@');
  if (at > 0) return { ref: entry.slice(0, at), weight: parseWeight(entry.slice(at + 1), entry, flag) };
  const colon = entry.lastIndexOf(':');
  if (colon > 0 && /^\d+(\.\d+)?$/.test(entry.slice(colon + 1)) && 'error' in resolveRouteRef(config, entry)) {
    return { ref: entry.slice(0, colon), weight: parseWeight(entry.slice(colon + 1), entry, flag) };
  }
  return { ref: entry };
}

function rawEntries(text: string, flag: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return Array.isArray(parsed) ? parsed : [parsed];
    } catch (err) {
      throw new RouterError('INVALID_INPUT', `${flag} is not valid JSON: ${(err as Error).message}`, { path: flag });
    }
  }
  return trimmed.split(/[\s,;]+/).filter((s) => s !== '');
}

/** Parses and resolves targets; refs are stored in canonical form (`provider/modelId` or the alias id). */
export function parseTargets(config: Config, text: string, flag: string): AliasTarget[] {
  const targets: AliasTarget[] = [];
  for (const raw of rawEntries(text, flag)) {
    let entry: { ref: string; weight?: number };
    if (typeof raw === 'string') entry = splitEntry(config, raw, flag);
    else if (typeof raw === 'object' && raw !== null && typeof (raw as { ref?: unknown }).ref === 'string') {
      const obj = raw as { ref: string; weight?: unknown };
      entry = obj.weight === undefined ? { ref: obj.ref } : { ref: obj.ref, weight: parseWeight(String(obj.weight), obj.ref, flag) };
    } else
      throw new RouterError('INVALID_INPUT', `${flag}: each target must be "provider/model@weight", an alias id, or {"ref":..., "weight":...}`, { path: flag });
    const resolved = resolveRouteRef(config, entry.ref);
    if ('error' in resolved) throw new RouterError('INVALID_INPUT', `${flag}: ${resolved.error}`, { path: flag });
    const ref = canonicalRef(resolved);
    if (targets.some((t) => t.ref === ref)) throw new RouterError('INVALID_INPUT', `${flag}: "${ref}" is listed twice`, { path: flag });
    targets.push(entry.weight === undefined ? { ref } : { ref, weight: entry.weight });
  }
  if (targets.length === 0) throw new RouterError('INVALID_INPUT', `${flag} lists no targets`, { path: flag });
  return targets;
}

export function formatTargets(targets: readonly AliasTarget[]): string {
  return targets.map((t) => (t.weight === undefined || t.weight === 1 ? t.ref : `${t.ref}@${t.weight}`)).join(', ');
}
