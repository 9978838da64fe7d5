/** The Traffic screen's model: bounded records, sparkline counts that outlive them, duplicates counted once. */
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/daemon/protocol.js';
import { KEEP, SLOTS, SLOT_MS, activity, emptyTraffic, ingest } from '../../src/tui/state/traffic.js';

const NOW = Date.parse('2026-12-03T12:00:00.000Z');
let n = 0;
const rec = (at: number, provider: string, status = 200): RequestRecord =>
  ({ id: `req_${(n += 1)}`, time: new Date(at).toISOString(), provider, status, durationMs: n, attempts: [] }) as unknown as RequestRecord;

describe('traffic state', () => {
  it('counts every request of the window per slot although only KEEP are kept', () => {
    const batch = Array.from({ length: 1200 }, (_, i) => rec(NOW - (i % 2) * SLOT_MS, 'a', i % 4 === 0 ? 502 : 200));
    const state = ingest(emptyTraffic(), batch, NOW);
    expect(state.records).toHaveLength(KEEP);
    const [a] = activity(state, NOW);
    expect(a).toMatchObject({ provider: 'a', requests: 1200, errors: 300 });
    expect(a!.counts.slice(-2)).toEqual([600, 600]);
    expect(a!.counts).toHaveLength(SLOTS);
  });

  it('counts a record sent twice (a reconnect replays the recent ones) once', () => {
    const first = [rec(NOW, 'a'), rec(NOW, 'b')];
    const state = ingest(ingest(emptyTraffic(), first, NOW), [...first, rec(NOW, 'a')], NOW);
    expect(activity(state, NOW).map((x) => [x.provider, x.requests])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(state.records).toHaveLength(3);
  });

  it('drops slots older than the window', () => {
    let state = ingest(emptyTraffic(), [rec(NOW, 'old')], NOW);
    const later = NOW + SLOTS * SLOT_MS;
    state = ingest(state, [rec(later, 'new')], later);
    expect(activity(state, later).map((x) => x.provider)).toEqual(['new']);
    expect(state.counts.get('old')?.size).toBe(0);
  });
});
