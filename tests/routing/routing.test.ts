import { describe, expect, it } from 'vitest';
import { reserve as reserveAny, type BucketRule, type Reservation } from '../../src/routing/buckets.js';
import { classifyFailure, retryDelayMs } from '../../src/routing/classify-failure.js';
import { availability, recordFailure, recordSuccess } from '../../src/routing/health.js';
import { planRoute, type PlanTarget } from '../../src/routing/plan.js';
import { DEFAULT_ROUTING_SETTINGS as S, routingSettingsFromEnv } from '../../src/routing/settings.js';
import { createMemoryState } from '../../src/routing/state/routing-state.js';
import { parseRetryAfter, windowSlot } from '../../src/routing/windows.js';
import type { Strategy } from '../../src/config/schema.js';

/** The memory store reserves synchronously. */
const reserve = (...args: Parameters<typeof reserveAny>) => reserveAny(...args) as Reservation | undefined;

/** A seeded PRNG (mulberry32) so "random" tests are repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const target = (key: string, weight = 1, tier: PlanTarget['tier'] = 'primary', buckets: BucketRule[] = []): PlanTarget => ({ key, weight, tier, buckets });

function picks(strategy: Strategy, targets: PlanTarget[], n = 1000, state = createMemoryState(), now = T0) {
  const counts: Record<string, number> = {};
  const sequence: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const first = planRoute({ route: 'alias:x', strategy, targets, state, now }).attempts[0]!.key;
    counts[first] = (counts[first] ?? 0) + 1;
    sequence.push(first);
  }
  return { counts, sequence };
}

describe('strategies over 1,000 picks', () => {
  const abc = [target('a', 3), target('b', 1), target('c', 2)];

  it('weighted-rr: within 2% of 3:1:2, and interleaved rather than in blocks', () => {
    const { counts, sequence } = picks('weighted-rr', abc);
    expect(Math.abs(counts.a! / 1000 - 3 / 6)).toBeLessThan(0.02);
    expect(Math.abs(counts.b! / 1000 - 1 / 6)).toBeLessThan(0.02);
    expect(Math.abs(counts.c! / 1000 - 2 / 6)).toBeLessThan(0.02);
    expect(sequence.slice(0, 6).join('')).toMatch(/^(?!.*aaa)/);
    expect(new Set(sequence.slice(0, 3)).size).toBeGreaterThan(1);
  });

  it('round-robin: even shares, rotating', () => {
    const { counts, sequence } = picks('round-robin', abc, 999);
    expect(counts).toEqual({ a: 333, b: 333, c: 333 });
    expect(sequence.slice(0, 4)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('ordered: always the first available', () => {
    expect(picks('ordered', abc).counts).toEqual({ a: 1000 });
  });

  it('quota-aware-weighted-rr: weights scaled by remaining capacity, stable from request to request', () => {
    const state = createMemoryState();
    const half = { providerId: 'p', id: 'b1', models: ['all'], requests: 1_000_000, window: { unit: 'month' as const, size: 1 } };
    reserveMany(state, [half], 500_000);
    const targets = [target('a', 1), target('b', 1, 'primary', [half])];
    const { counts } = picks('quota-aware-weighted-rr', targets, 1000, state);
    // b has half its capacity left: weights 1 : 0.5
    expect(Math.abs(counts.a! / 1000 - 2 / 3)).toBeLessThan(0.02);
    expect(Math.abs(counts.b! / 1000 - 1 / 3)).toBeLessThan(0.02);
  });

  it('auto: a target with recent failures gets a smaller share; healthy weights otherwise', () => {
    const state = createMemoryState();
    state.setHealth('b', { consecutiveFailures: 1, cooldownUntil: 0, circuitOpenUntil: 0 });
    const { counts } = picks('auto', [target('a', 1), target('b', 1)], 1000, state);
    // health factor 1/(1+0.5) = 2/3: shares 1 : 2/3
    expect(Math.abs(counts.a! / 1000 - 0.6)).toBeLessThan(0.02);
    expect(Math.abs(counts.b! / 1000 - 0.4)).toBeLessThan(0.02);
  });
});

function reserveMany(state: ReturnType<typeof createMemoryState>, rules: BucketRule[], n: number) {
  for (let i = 0; i < n; i += 1) reserve(state, rules, T0);
}

describe('auto prefers targets that are not slow', () => {
  it('a target four times slower gets half its share (sqrt of the speed ratio)', () => {
    const state = createMemoryState();
    state.recordLatency('a', 100);
    state.recordLatency('b', 400);
    const { counts } = picks('auto', [target('a', 1), target('b', 1)], 1000, state);
    expect(Math.abs(counts.a! / 1000 - 2 / 3)).toBeLessThan(0.02);
    expect(Math.abs(counts.b! / 1000 - 1 / 3)).toBeLessThan(0.02);
  });
});

describe('tiers, cooldowns and the circuit breaker', () => {
  it('the fallback tier never takes primary traffic, and serves when every primary is down', () => {
    const state = createMemoryState();
    const targets = [target('a', 1), target('b', 1), target('f', 100, 'fallback')];
    expect(picks('weighted-rr', targets, 200, state).counts.f).toBeUndefined();
    const plan = planRoute({ route: 'r', strategy: 'weighted-rr', targets, state, now: T0 });
    expect(plan.attempts.map((t) => t.key).at(-1)).toBe('f');
    for (const key of ['a', 'b']) recordFailure(state, key, classifyFailure({ status: 429 }, S, T0), S, T0);
    const down = planRoute({ route: 'r', strategy: 'weighted-rr', targets, state, now: T0 + 1 });
    expect(down.attempts.map((t) => t.key)).toEqual(['f']);
    expect(down.skipped).toEqual([
      { key: 'a', reason: 'cooldown', until: T0 + 30_000 },
      { key: 'b', reason: 'cooldown', until: T0 + 30_000 },
    ]);
  });

  it('a cooldown from Retry-After expires on time', () => {
    const state = createMemoryState();
    recordFailure(state, 'a', classifyFailure({ status: 429, retryAfter: '7' }, S, T0), S, T0);
    expect(availability(state, 'a', T0 + 6_999)).toEqual({ reason: 'cooldown', until: T0 + 7_000 });
    expect(availability(state, 'a', T0 + 7_000)).toBeUndefined();
    const plan = planRoute({ route: 'r', strategy: 'ordered', targets: [target('a')], state, now: T0 + 1 });
    expect(plan).toMatchObject({ attempts: [], earliestRecovery: T0 + 7_000 });
  });

  it('the circuit opens after consecutive retryable failures, closes after its cooldown, and success resets', () => {
    const state = createMemoryState();
    const five = classifyFailure({ status: 503 }, S, T0);
    recordFailure(state, 'a', five, S, T0);
    expect(availability(state, 'a', T0)).toBeUndefined();
    recordFailure(state, 'a', five, S, T0 + 10);
    expect(availability(state, 'a', T0 + 11)).toEqual({ reason: 'circuit-open', until: T0 + 10 + S.circuitCooldownMs });
    expect(availability(state, 'a', T0 + 10 + S.circuitCooldownMs)).toBeUndefined();
    recordFailure(state, 'a', five, S, T0 + 40_000);
    recordSuccess(state, 'a');
    expect(state.getHealth('a')).toBeUndefined();
  });
});

describe('rate-limit buckets', () => {
  const minute: BucketRule = { providerId: 'p', id: 'm', models: ['all'], requests: 10, window: { unit: 'minute', size: 1 } };
  const sixHours: BucketRule = { providerId: 'p', id: 'h', models: ['m1'], requests: 12, window: { unit: 'hour', size: 6 } };

  it('100 parallel requests against a cap of 10 make exactly 10 upstream calls', async () => {
    const state = createMemoryState();
    let upstreamCalls = 0;
    const request = async () => {
      const slot = reserve(state, [minute], T0);
      if (!slot) return 'skipped';
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      upstreamCalls += 1;
      return 'called';
    };
    const results = await Promise.all(Array.from({ length: 100 }, request));
    expect(upstreamCalls).toBe(10);
    expect(results.filter((r) => r === 'called')).toHaveLength(10);
  });

  it('a shared store that reserves asynchronously (as Redis would) still admits exactly the cap', async () => {
    const state = createMemoryState();
    let granted = 0;
    state.tryReserve = async (slots) => {
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      if (slots.some((s) => granted >= s.limit)) return false;
      granted += 1;
      return true;
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => reserveAny(state, [minute], T0)));
    expect(results.filter(Boolean)).toHaveLength(10);
  });

  it('all buckets must have room; a refused request gives its slot back', () => {
    const state = createMemoryState();
    for (let i = 0; i < 9; i += 1) reserve(state, [minute, sixHours], T0)!;
    const tenth = reserve(state, [minute, sixHours], T0)!;
    expect(reserve(state, [minute, sixHours], T0)).toBeUndefined();
    tenth.release();
    tenth.release();
    expect(reserve(state, [minute, sixHours], T0)).toBeDefined();
    expect(reserve(state, [minute], T0 + 60_000)).toBeDefined();
  });

  it('an exhausted target is skipped before any call, with the time its window ends', () => {
    const state = createMemoryState();
    reserveMany(state, [minute], 10);
    const plan = planRoute({ route: 'r', strategy: 'ordered', targets: [target('p/m1', 1, 'primary', [minute]), target('q/m', 1)], state, now: T0 + 5_000 });
    expect(plan.attempts.map((t) => t.key)).toEqual(['q/m']);
    expect(plan.skipped).toEqual([{ key: 'p/m1', reason: 'quota-exhausted', until: T0 + 60_000 }]);
  });
});

describe('UTC-aligned windows at their boundaries', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    [{ unit: 'minute', size: 1 }, '2026-11-23T12:00:59.999Z', '2026-11-23T12:01:00.000Z', '2026-11-23T12:00:00.000Z'],
    [{ unit: 'hour', size: 5 }, '2026-11-23T14:59:59.999Z', '2026-11-23T15:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    [{ unit: 'week', size: 1 }, '2026-11-22T23:59:59.999Z', '2026-11-23T00:00:00.000Z', '2026-11-16T00:00:00.000Z'],
    [{ unit: 'month', size: 1 }, '2026-02-28T23:59:59.999Z', '2026-03-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    [{ unit: 'month', size: 3 }, '2026-03-31T23:59:59.999Z', '2026-04-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
  ] as const)('%j: the last instant and the next are in different windows', (spec, last, next, start) => {
    const a = windowSlot(spec, at(last));
    const b = windowSlot(spec, at(next));
    expect(a.key).not.toBe(b.key);
    expect(a.end).toBe(at(next));
    expect(b.start).toBe(at(next));
    expect(new Date(a.start).toISOString()).toBe(start);
  });

  it('parses Retry-After seconds and HTTP dates, capped at a day', () => {
    expect(parseRetryAfter('12', T0)).toBe(12_000);
    expect(parseRetryAfter(new Date(T0 + 90_000).toUTCString(), T0)).toBe(90_000);
    expect(parseRetryAfter('999999', T0)).toBe(86_400_000);
    expect(parseRetryAfter('soon', T0)).toBeUndefined();
  });
});

describe('failure classes', () => {
  it.each([
    [{}, 'network_error', true, true, 0],
    [{ timeout: true }, 'timeout', true, true, 0],
    [{ status: 429, retryAfter: '3' }, 'rate_limited', false, true, 3_000],
    [{ status: 429 }, 'rate_limited', false, true, 30_000],
    [{ status: 402 }, 'billing_exhausted', false, true, 900_000],
    [{ status: 401 }, 'auth_failed', false, true, 600_000],
    [{ status: 403, body: '{"error":{"code":"insufficient_quota"}}' }, 'billing_exhausted', false, true, 900_000],
    [{ status: 403, body: 'flagged by content policy' }, 'policy_blocked', false, false, 120_000],
    [{ status: 403, body: 'forbidden' }, 'auth_failed', false, true, 600_000],
    [{ status: 404 }, 'not_found', false, true, 45_000],
    [{ status: 500 }, 'temporary_error', true, true, 0],
    [{ status: 529 }, 'temporary_error', true, true, 0],
    [{ status: 503, retryAfter: '2' }, 'temporary_error', true, true, 2_000],
    [{ status: 408 }, 'temporary_error', true, true, 0],
    [{ status: 400 }, 'invalid_request', false, false, 0],
    [{ status: 413 }, 'invalid_request', false, false, 0],
    [{ status: 422 }, 'invalid_request', false, false, 0],
    [{ status: 418 }, 'client_error', false, false, 0],
  ] as const)('%j -> %s', (failure, category, retry, fallback, cooldownMs) => {
    expect(classifyFailure(failure, S, T0)).toMatchObject({ category, retry, fallback, cooldownMs });
  });

  it('policy blocks fall back only when LLM_ROUTER_ALLOW_POLICY_FALLBACK is on', () => {
    const settings = routingSettingsFromEnv({ LLM_ROUTER_ALLOW_POLICY_FALLBACK: 'true' });
    expect(classifyFailure({ status: 403, body: 'moderation' }, settings, T0).fallback).toBe(true);
  });

  it('backoff is exponential, capped and jittered into [0.5, 1) of the step (seeded)', () => {
    const random = seeded(42);
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      const step = Math.min(S.retryMaxDelayMs, S.retryBaseDelayMs * 2 ** (attempt - 1));
      const delay = retryDelayMs(attempt, S, random);
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThan(step);
    }
  });
});
