/** The serving process's live feed: the last records, listeners, and today's totals (UTC day, reset at midnight). */
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/gateway/core/observe/request-record.js';
import { createRequestFeed } from '../../src/daemon/request-feed.js';

const record = (over: Partial<RequestRecord> = {}): RequestRecord =>
  ({
    time: '2026-12-07T10:00:00.000Z',
    id: 'req_1',
    client: 'openai-chat',
    path: '/v1/chat/completions',
    model: 'oa/m',
    route: 'oa/m',
    strategy: 'ordered',
    attempts: [],
    skipped: [],
    selected: 'oa/m',
    provider: 'oa',
    streamed: false,
    status: 200,
    aborted: false,
    fallback: false,
    retries: 0,
    ttftMs: null,
    durationMs: 1,
    waitedMs: null,
    tokens: { input: 10, output: 5, cacheRead: 0, cacheWrite: 0, reasoning: 0 },
    cost: 0.25,
    warnings: [],
    streamError: null,
    ...over,
  }) as RequestRecord;

describe('request feed', () => {
  it("sums today's requests, errors, fallbacks, tokens and cost, and starts a new day at UTC midnight", () => {
    let clock = Date.parse('2026-12-07T23:59:59.000Z');
    const feed = createRequestFeed(3, () => clock);
    feed.push(record());
    feed.push(record({ status: 502, fallback: true, tokens: null, cost: null }));
    expect(feed.today()).toEqual({ day: '2026-12-07', requests: 2, errors: 1, fallbacks: 1, inputTokens: 10, outputTokens: 5, cost: 0.25 });
    clock = Date.parse('2026-12-08T00:00:00.000Z');
    expect(feed.today()).toMatchObject({ day: '2026-12-08', requests: 0 });
    feed.push(record());
    expect(feed.today()).toMatchObject({ day: '2026-12-08', requests: 1, inputTokens: 10 });
    // A clock set back to an earlier day starts that day's totals afresh.
    clock = Date.parse('2026-12-06T12:00:00.000Z');
    feed.push(record());
    expect(feed.today()).toMatchObject({ day: '2026-12-06', requests: 1 });
  });

  it('keeps the last records and tells listeners until they unsubscribe', () => {
    const feed = createRequestFeed(2, () => 0);
    const seen: string[] = [];
    const stop = feed.subscribe((r) => seen.push(r.id));
    feed.push(record({ id: 'a' }));
    feed.push(record({ id: 'b' }));
    stop();
    feed.push(record({ id: 'c' }));
    expect(seen).toEqual(['a', 'b']);
    expect(feed.recent().map((r) => r.id)).toEqual(['b', 'c']);
  });
});
