/**
 * The Traffic screen's model, pure: the requests seen (newest last, bounded), a filter,
 * and per-provider activity in fixed time slots for sparklines.
 */
import type { RequestRecord } from '../../daemon/protocol.js';

export type TrafficFilter = 'all' | 'errors' | 'fallbacks';
export const FILTERS: readonly TrafficFilter[] = ['all', 'errors', 'fallbacks'];

export const KEEP = 500;
export const SLOT_MS = 5_000;
export const SLOTS = 24;

export function addRecords(list: readonly RequestRecord[], records: readonly RequestRecord[]): RequestRecord[] {
  const seen = new Set(list.map((r) => r.id));
  const next = [...list, ...records.filter((r) => !seen.has(r.id))];
  return next.length > KEEP ? next.slice(next.length - KEEP) : next;
}

export function applyFilter(list: readonly RequestRecord[], filter: TrafficFilter, provider: string | undefined): RequestRecord[] {
  return list.filter(
    (r) =>
      (provider === undefined || r.provider === provider || r.attempts.some((a) => a.candidate.startsWith(`${provider}/`))) &&
      (filter === 'all' || (filter === 'errors' ? r.status >= 400 || r.streamError !== null : r.fallback)),
  );
}

export interface ProviderActivity {
  provider: string;
  /** Requests per slot, oldest first, ending with the current slot. */
  counts: number[];
  requests: number;
  errors: number;
  p50Ms: number | null;
}

export function activity(list: readonly RequestRecord[], now: number): ProviderActivity[] {
  const current = Math.floor(now / SLOT_MS);
  const byProvider = new Map<string, RequestRecord[]>();
  for (const r of list) {
    const key = r.provider ?? r.attempts.at(-1)?.candidate.split('/')[0] ?? '(none)';
    byProvider.set(key, [...(byProvider.get(key) ?? []), r]);
  }
  return [...byProvider.entries()]
    .map(([provider, records]) => {
      const counts = new Array<number>(SLOTS).fill(0);
      for (const r of records) {
        const age = current - Math.floor(Date.parse(r.time) / SLOT_MS);
        if (age >= 0 && age < SLOTS) counts[SLOTS - 1 - age]! += 1;
      }
      const durations = records.map((r) => r.durationMs).sort((a, b) => a - b);
      return {
        provider,
        counts,
        requests: records.length,
        errors: records.filter((r) => r.status >= 400).length,
        p50Ms: durations.length ? durations[Math.floor(durations.length / 2)]! : null,
      };
    })
    .sort((a, b) => b.requests - a.requests);
}

const BARS = '▁▂▃▄▅▆▇█';

export function sparkline(counts: readonly number[]): string {
  const max = Math.max(...counts);
  return counts.map((c) => (c === 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor((c / max) * (BARS.length - 1)))])).join('');
}
