/**
 * The live side of the request log, in the serving process: the last requests (for a
 * front end that just connected), listeners (the TUI's Traffic screen subscribes over the
 * control socket), and today's totals (UTC day) for the home screen.
 */
import type { RequestRecord } from '../gateway/core/observe/request-record.js';

export interface TodayTotals {
  /** The UTC day these totals are for (YYYY-MM-DD). */
  day: string;
  requests: number;
  errors: number;
  fallbacks: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
}

export interface RequestFeed {
  push(record: RequestRecord): void;
  recent(): RequestRecord[];
  subscribe(listener: (record: RequestRecord) => void): () => void;
  today(): TodayTotals;
}

/** When a UTC day (YYYY-MM-DD) ends, in ms. */
const dayEnd = (day: string): number => Date.parse(`${day}T00:00:00Z`) + 86_400_000;

const empty = (day: string): TodayTotals => ({ day, requests: 0, errors: 0, fallbacks: 0, inputTokens: 0, outputTokens: 0, cost: 0 });

export function createRequestFeed(size = 200, now: () => number = Date.now): RequestFeed {
  const ring: RequestRecord[] = [];
  const listeners = new Set<(record: RequestRecord) => void>();
  let totals = empty(new Date(now()).toISOString().slice(0, 10));
  // When the current UTC day ends: the date is formatted once a day, not once per request.
  let dayEnds = dayEnd(totals.day);
  const current = () => {
    const at = now();
    if (at >= dayEnds || at < dayEnds - 86_400_000) {
      const day = new Date(at).toISOString().slice(0, 10);
      if (day !== totals.day) totals = empty(day);
      dayEnds = dayEnd(day);
    }
    return totals;
  };
  return {
    push(record) {
      ring.push(record);
      if (ring.length > size) ring.shift();
      const t = current();
      t.requests += 1;
      if (record.status >= 400) t.errors += 1;
      if (record.fallback) t.fallbacks += 1;
      t.inputTokens += record.tokens?.input ?? 0;
      t.outputTokens += record.tokens?.output ?? 0;
      t.cost = Math.round((t.cost + (record.cost ?? 0)) * 1e8) / 1e8;
      for (const listener of listeners) listener(record);
    },
    recent: () => [...ring],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    today: () => ({ ...current() }),
  };
}
