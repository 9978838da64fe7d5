import { afterEach, describe, expect, it } from 'vitest';
import { createProbeClient } from '../../src/probe/probe-client.js';
import type { Clock } from '../../src/probe/pacer.js';
import { startProbeFake, type ProbeFake } from '../helpers/fake-probe-provider.js';

let fake: ProbeFake;
afterEach(() => fake.close());

function fastClock(): Clock & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return { slept, now: () => t, sleep: async (ms) => void (slept.push(ms), (t += ms)) };
}

const post = (url: string) => ({
  method: 'POST' as const,
  url: `${url}/v1/chat/completions`,
  headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
  body: { model: 'a' },
});

describe('probe client', () => {
  it('retries a 429 after its Retry-After, at most maxRetries times', async () => {
    fake = await startProbeFake({ key: 'k', formats: { openai: '/v1' }, models: ['a'], rateLimitAt: [1, 2, 3, 4, 5], retryAfter: '2' });
    const clock = fastClock();
    const events: unknown[] = [];
    const client = createProbeClient({ rpm: 6000, timeoutMs: 2000, clock, maxRetries: 3, onEvent: (e) => events.push(e) });
    const answer = await client.send(post(fake.url));
    expect(answer.status).toBe(429);
    expect(client.sent).toBe(4);
    expect(clock.slept.filter((ms) => ms === 2000)).toHaveLength(3);
    expect(events).toHaveLength(3);
  });

  it('gives up at once when Retry-After is beyond the budget', async () => {
    fake = await startProbeFake({ key: 'k', formats: { openai: '/v1' }, models: ['a'], rateLimitAt: [1], retryAfter: '3600' });
    const clock = fastClock();
    const client = createProbeClient({ rpm: 6000, timeoutMs: 2000, clock, retryBudgetMs: 60_000 });
    expect((await client.send(post(fake.url))).status).toBe(429);
    expect(client.sent).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it('times out every call', async () => {
    fake = await startProbeFake({ key: 'k', formats: { openai: '/v1' }, models: ['a'], slowMs: 1000 });
    const client = createProbeClient({ rpm: 6000, timeoutMs: 100 });
    const started = Date.now();
    expect(await client.send(post(fake.url))).toEqual({ reached: false, status: 0, kind: 'timeout', detail: 'no answer within 100 ms' });
    expect(Date.now() - started).toBeLessThan(900);
  });
});
