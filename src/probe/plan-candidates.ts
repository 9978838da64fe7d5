/**
 * Which format to try at which base URL, from the upsert-provider input (preset already
 * expanded) and the provider as saved: a URL given for a format is tried for that format
 * only; one base URL serves the formats asked for (all three when none is); several
 * unassigned endpoints are each tried for every format, the likeliest path first.
 */
import { FORMATS, type Auth, type Format, type Provider } from '../config/schema.js';
import type { EndpointFields } from '../config/presets.js';
import type { FormatCandidate } from './detect-formats.js';
import type { AuthStyle } from './types.js';

/** The upsert-provider input's endpoint fields (preset already expanded). */
export type CandidateInput = EndpointFields;

export interface CandidatePlan {
  candidates: FormatCandidate[];
  /** Formats the user asked for (a URL for it, --formats, or the provider as saved): one that fails makes the probe partial. Preset formats are only tried. */
  expected: Format[];
}

/** How likely a URL path serves a format (the seed's scores): /openai for OpenAI, /anthropic for Anthropic, ... */
export function pathScore(format: Format, url: string): number {
  const path = new URL(url).pathname.replace(/\/+$/, '');
  const versioned = /\/v\d+(\.\d+)?$/.test(path);
  if (format === 'claude') return /\/(anthropic|claude)(\/|$)/.test(path) ? 100 : path === '' ? 90 : versioned ? 10 : 50;
  return /\/openai(\/|$)/.test(path) ? 100 : versioned ? 90 : path === '' ? 10 : 50;
}

function authStyle(auth: Auth | null | undefined): AuthStyle | undefined {
  return auth?.type === 'bearer' || auth?.type === 'x-api-key' || auth?.type === 'none' ? auth.type : undefined;
}

const flagUrl = (input: CandidateInput, f: Format) => (f === 'openai' ? input.openaiBaseUrl : f === 'claude' ? input.claudeBaseUrl : input.responsesBaseUrl);

/** `input` has the preset expanded; `given` is what the user typed (for `expected`). */
export function planCandidates(input: CandidateInput, existing: Provider | undefined, given: CandidateInput = input): CandidatePlan {
  const explicit = new Map<Format, string>();
  for (const f of FORMATS) {
    const url = flagUrl(input, f);
    if (url) explicit.set(f, url);
  }
  const named = new Set(explicit.values());
  const loose = [...new Set([...(input.baseUrl ? [input.baseUrl] : []), ...(input.endpoints ?? []).filter((u) => !named.has(u))])];
  const asked = input.formats;
  const candidates: FormatCandidate[] = [];
  const add = (format: Format, urls: string[]) => {
    const auth = authStyle(existing?.authByFormat?.[format] ?? existing?.auth);
    candidates.push({ format, baseUrls: urls, ...(auth ? { auth } : {}) });
  };
  if (explicit.size === 0 && loose.length === 0 && existing) {
    // Nothing new about endpoints: probe the provider as saved.
    const declared = new Set<Format>([...(existing.format ? [existing.format] : []), ...(existing.formats ?? [])]);
    for (const f of FORMATS) if (existing.baseUrlByFormat?.[f]) declared.add(f);
    for (const f of declared.size > 0 ? [...declared] : [...FORMATS]) {
      const url = existing.baseUrlByFormat?.[f] ?? existing.baseUrl;
      if (url) add(f, [url]);
    }
    return { candidates, expected: [...declared] };
  }
  const wanted = asked ?? (loose.length > 0 ? [...FORMATS] : []);
  const order = [...new Set<Format>([...(input.format ? [input.format] : []), ...FORMATS])];
  for (const f of order) {
    const url = explicit.get(f);
    if (url) add(f, [url]);
    else if (loose.length > 0 && wanted.includes(f))
      add(
        f,
        [...loose].sort((a, b) => pathScore(f, b) - pathScore(f, a)),
      );
  }
  const givenUrls = FORMATS.filter((f) => flagUrl(given, f));
  return { candidates, expected: [...new Set([...givenUrls, ...(given.formats ?? [])])] };
}
