/** The Traffic screen: live records from the daemon's subscription, filters, sparklines, today's totals, the attempt trail. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestRecord, StatsReply } from '../../src/daemon/protocol.js';
import { KEY, runningStats, startTui, twoProviders, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h.done());

// The home screen's running daemon, with today's totals.
const stats = (): StatsReply => ({
  ...runningStats(),
  uptimeSeconds: 5,
  lastReload: null,
  counters: {},
  buckets: [],
  today: { day: '2026-12-03', requests: 42, errors: 3, fallbacks: 2, inputTokens: 12000, outputTokens: 800, cost: 0.1234 },
});

let n = 0;
function record(overrides: Partial<RequestRecord> = {}): RequestRecord {
  n += 1;
  return {
    time: new Date().toISOString(),
    id: `req_${String(n).padStart(24, '0')}`,
    client: 'anthropic-messages',
    path: '/anthropic/v1/messages',
    model: 'coding',
    route: 'coding',
    strategy: 'ordered',
    attempts: [{ candidate: 'openai/gpt-4.1', try: 1, label: '200', decision: 'success', durationMs: 410 }],
    skipped: [],
    selected: 'openai/gpt-4.1',
    provider: 'openai',
    streamed: true,
    status: 200,
    aborted: false,
    fallback: false,
    retries: 0,
    ttftMs: 380,
    durationMs: 1200,
    waitedMs: null,
    tokens: { input: 1200, output: 40, cacheRead: 900, cacheWrite: 0, reasoning: 0 },
    cost: 0.00123,
    warnings: [],
    streamError: null,
    ...overrides,
  };
}

const fallback = () =>
  record({
    status: 200,
    fallback: true,
    selected: 'anthropic/claude-sonnet-4',
    provider: 'anthropic',
    attempts: [
      { candidate: 'openai/gpt-4.1', try: 1, label: '429', category: 'rate_limited', decision: 'next', durationMs: 12 },
      { candidate: 'anthropic/claude-sonnet-4', try: 1, label: '200', decision: 'success', durationMs: 900 },
    ],
  });

describe('TUI: traffic', () => {
  it('shows today on Home, then live requests as they arrive, with sparklines and filters', async () => {
    h = await startTui({ config: twoProviders(), stats: stats() });
    await h.waitFor('Traffic (live requests; today 42 requests, $0.12)');
    h.daemon.recent.push(record());
    await h.press(KEY.enter, 'Today: 42 requests, $0.12, 3 errors, 2 fallbacks, 12000 in / 800 out tokens');
    await h.waitFor(/\d\d:\d\d:\d\d {2}200 {2}coding → openai\/gpt-4\.1 {2}1200 ms {2}1200\/40 tok {2}\$0\.00123/);
    expect(h.daemon.calls).toContain('subscribe');
    h.daemon.emit([fallback(), record({ status: 502, selected: null, provider: null, model: 'openai/gpt-4.1', tokens: null, cost: null })]);
    await h.waitFor('502  openai/gpt-4.1 → openai/gpt-4.1');
    expect(h.frame()).toContain('↪ fallback');
    // A sparkline bar (possibly tinted) before each provider's figures.
    // The bar may sit a slot back when a 5-second slot boundary passed since the records arrived.
    expect(h.frame()).toMatch(/[▁▂▃▄▅▆▇█] *(\u001b\[\d+m)* openai 2 req, 1 err, p50 1200 ms/);
    await h.press('f', 'filter errors (f)');
    expect(h.frame()).toContain('1 shown');
    expect(h.frame()).not.toContain('↪ fallback');
    await h.press('f', 'filter fallbacks (f)');
    expect(h.frame()).toContain('↪ fallback');
    await h.press('f', 'filter all (f)');
    await h.press('p', 'provider anthropic (p)');
    expect(h.frame()).toContain('1 shown');
    // openai answered one, and was tried first by the other two.
    await h.press('p', 'provider openai (p)');
    expect(h.frame()).toContain('3 shown');
  });

  it('opens the attempt trail of a request with Enter and goes back with Esc', async () => {
    h = await startTui({ config: twoProviders(), stats: stats() });
    h.daemon.recent.push(fallback());
    await h.waitFor('Traffic (live requests');
    await h.press(KEY.enter, '↪ fallback');
    await h.press(KEY.enter, 'Attempts:');
    expect(h.frame()).toContain('1. openai/gpt-4.1 try 1: 429 (rate_limited) → next, 12 ms');
    expect(h.frame()).toContain('2. anthropic/claude-sonnet-4 try 1: 200 → success, 900 ms');
    await h.press(KEY.esc, 'filter all (f)');
    await h.press(KEY.esc, 'Providers (2)');
  });

  it('keeps up with a burst: 600 requests arrive, the newest 500 are kept, redraws coalesced', async () => {
    h = await startTui({ config: twoProviders(), stats: stats() });
    await h.waitFor('Traffic (live requests');
    await h.press(KEY.enter, 'No requests yet.');
    for (let i = 0; i < 6; i += 1) h.daemon.emit(Array.from({ length: 100 }, () => record()));
    await h.waitFor('500 shown');
  });
});
