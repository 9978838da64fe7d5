/**
 * The Traffic screen's model, pure: the requests seen (newest last, bounded), a filter,
 * and per-provider activity in fixed time slots for sparklines. The slot counts are kept
 * apart from the bounded list: at 200 req/s the 500 requests kept span 2.5 s, the
 * sparkline two minutes.
 */
import type { RequestRecord } from '../../daemon/protocol.js';

export type TrafficFilter = 'all' | 'errors' | 'fallbacks';
export const FILTERS: readonly TrafficFilter[] = ['all', 'errors', 'fallbacks'];

export const KEEP = 500;
export const SLOT_MS = 5_000;
export const SLOTS = 24;

/** Requests and errors per provider per time slot, over the last SLOTS slots (not bounded by KEEP). */
export type SlotCounts = ReadonlyMap<string, ReadonlyMap<number, { requests: number; errors: number }>>;

export interface TrafficState {
  /** The newest KEEP requests, oldest first. */
  records: RequestRecord[];
  counts: SlotCounts;
}

export const emptyTraffic = (): TrafficState => ({ records: [], counts: new Map() });

const providerOf = (r: RequestRecord): string => r.provider ?? r.attempts.at(-1)?.candidate.split('/')[0] ?? '(none)';

/** Adds a batch (duplicates by id dropped), keeps the newest KEEP, and counts the new ones per slot. */
export function ingest(state: TrafficState, records: readonly RequestRecord[], now: number): TrafficState {
  const seen = new Set(state.records.map((r) => r.id));
  const fresh = records.filter((r) => !seen.has(r.id) && (seen.add(r.id), true));
  if (fresh.length === 0) return state;
  const all = [...state.records, ...fresh];
  const oldest = Math.floor(now / SLOT_MS) - SLOTS + 1;
  const counts = new Map<string, Map<number, { requests: number; errors: number }>>();
  for (const [provider, slots] of state.counts)
    counts.set(provider, new Map([...slots].filter(([slot]) => slot >= oldest).map(([slot, c]) => [slot, { ...c }])));
  for (const r of fresh) {
    const slot = Math.floor(Date.parse(r.time) / SLOT_MS);
    if (!(slot >= oldest)) continue;
    const slots = counts.get(providerOf(r)) ?? new Map<number, { requests: number; errors: number }>();
    counts.set(providerOf(r), slots);
    const c = slots.get(slot) ?? { requests: 0, errors: 0 };
    c.requests += 1;
    if (r.status >= 400) c.errors += 1;
    slots.set(slot, c);
  }
  return { records: all.length > KEEP ? all.slice(all.length - KEEP) : all, counts };
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
  /** Requests and errors over the whole window (SLOTS x SLOT_MS). */
  requests: number;
  errors: number;
  /** Median duration over the requests kept. */
  p50Ms: number | null;
}

export function activity(state: TrafficState, now: number): ProviderActivity[] {
  const current = Math.floor(now / SLOT_MS);
  const durations = new Map<string, number[]>();
  for (const r of state.records) {
    const list = durations.get(providerOf(r)) ?? [];
    durations.set(providerOf(r), list);
    list.push(r.durationMs);
  }
  return [...state.counts.entries()]
    .map(([provider, slots]) => {
      const counts = new Array<number>(SLOTS).fill(0);
      let requests = 0;
      let errors = 0;
      for (const [slot, c] of slots) {
        const age = current - slot;
        if (age < 0 || age >= SLOTS) continue;
        counts[SLOTS - 1 - age] = c.requests;
        requests += c.requests;
        errors += c.errors;
      }
      const sorted = (durations.get(provider) ?? []).sort((a, b) => a - b);
      return { provider, counts, requests, errors, p50Ms: sorted.length ? sorted[Math.floor(sorted.length / 2)]! : null };
    })
    .filter((a) => a.requests > 0)
    .sort((a, b) => b.requests - a.requests);
}

const BARS = '▁▂▃▄▅▆▇█';

export function sparkline(counts: readonly number[]): string {
  const max = Math.max(...counts);
  return counts.map((c) => (c === 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor((c / max) * (BARS.length - 1)))])).join('');
}
