/** The Redis routing state against a real redis-server started by the test. */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openRedisState, type RedisState, type RedisStateOptions } from '../../src/gateway/redis-state/redis-routing-state.js';
import { reserve } from '../../src/routing/buckets.js';
import { roundRobin } from '../../src/routing/strategies/round-robin.js';
import { hasRedis, startRedis, type RedisServer } from '../helpers/redis-server.js';

const suite = hasRedis ? describe : describe.skip;

suite('Redis routing state', () => {
  let redis: RedisServer;
  let admin: Redis;
  const open: RedisState[] = [];
  const logs: string[] = [];
  let ns = 0;

  beforeAll(async () => {
    redis = await startRedis();
    admin = new Redis(redis.url);
  });
  afterAll(async () => {
    admin.disconnect();
    await redis.stop();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    logs.length = 0;
  });

  async function instance(overrides: Partial<RedisStateOptions> = {}, namespace = `t${ns}`): Promise<RedisState> {
    const state = await openRedisState({
      url: redis.url,
      keyPrefix: 'llmr-test:',
      namespace,
      failMode: 'open',
      timeoutMs: 200,
      log: (_level, message) => logs.push(message),
      ...overrides,
    });
    open.push(state);
    return state;
  }
  const nextNamespace = () => `t${++ns}`;
  const slot = (bucket: string, limit: number) => ({ bucket, window: 'w1', limit, expiresAt: Date.now() + 60_000 });

  it('reserves exactly the limit across instances, however many ask at once', async () => {
    const namespace = nextNamespace();
    const states = [await instance({}, namespace), await instance({}, namespace), await instance({}, namespace)];
    const asks = Array.from({ length: 120 }, (_, i) => states[i % 3]!.tryReserve!([slot('bucket:p:b1', 30)]));
    const granted = (await Promise.all(asks)).filter(Boolean).length;
    expect(granted).toBe(30);
    expect(await admin.get(`llmr-test:${namespace}:b:bucket:p:b1:w1`)).toBe('30');
    expect(await admin.pttl(`llmr-test:${namespace}:b:bucket:p:b1:w1`)).toBeGreaterThan(60_000);
  });

  it('is all-or-nothing over several windows, and reloads its script after SCRIPT FLUSH', async () => {
    const state = await instance({}, nextNamespace());
    expect(await state.tryReserve!([slot('a', 5), slot('b', 1)])).toBe(true);
    expect(await state.tryReserve!([slot('a', 5), slot('b', 1)])).toBe(false);
    // "a" was not counted by the refused reservation.
    expect(await admin.get(`llmr-test:t${ns}:b:a:w1`)).toBe('1');
    await admin.script('FLUSH');
    expect(await state.tryReserve!([slot('a', 5)])).toBe(true);
    expect(await admin.get(`llmr-test:t${ns}:b:a:w1`)).toBe('2');
  });

  it('releases slots through the bucket reservation, never below zero', async () => {
    const state = await instance({}, nextNamespace());
    const rule = { providerId: 'p', id: 'b', models: ['all'], requests: 2, window: { unit: 'minute' as const, size: 1 } };
    const first = await reserve(state, [rule], Date.now());
    const second = await reserve(state, [rule], Date.now());
    expect(first && second).toBeTruthy();
    expect(await reserve(state, [rule], Date.now())).toBeUndefined();
    first!.release();
    first!.release();
    await new Promise((r) => setTimeout(r, 50));
    const keys = await admin.keys(`llmr-test:t${ns}:b:*`);
    expect(await admin.get(keys[0]!)).toBe('1');
    expect(await reserve(state, [rule], Date.now())).toBeTruthy();
  });

  it('shares cooldowns: what one instance learns, the next sync of another sees', async () => {
    const namespace = nextNamespace();
    const [a, b] = [await instance({}, namespace), await instance({}, namespace)];
    const health = { consecutiveFailures: 1, cooldownUntil: Date.now() + 30_000, circuitOpenUntil: 0, lastCategory: 'rate_limited' };
    a.setHealth('p/m', health);
    // The write leaves without a wait (off the request path) on a's own connection: b's read may pass it.
    let view = await b.sync({ route: 'r', strategy: 'ordered', candidates: ['p/m', 'q/m'] });
    for (let i = 0; i < 50 && view.getHealth('p/m') === undefined; i += 1) {
      await new Promise((r) => setTimeout(r, 10));
      view = await b.sync({ route: 'r', strategy: 'ordered', candidates: ['p/m', 'q/m'] });
    }
    expect(view.getHealth('p/m')).toEqual(health);
    expect(view.getHealth('q/m')).toBeUndefined();
    expect(await admin.pttl(`llmr-test:${namespace}:h:p/m`)).toBeGreaterThan(30_000);
    a.setHealth('p/m', undefined);
    await b.sync({ route: 'r', strategy: 'ordered', candidates: ['p/m'] });
    for (let i = 0; i < 50 && b.getHealth('p/m') !== undefined; i += 1) {
      await new Promise((r) => setTimeout(r, 10));
      await b.sync({ route: 'r', strategy: 'ordered', candidates: ['p/m'] });
    }
    expect(b.getHealth('p/m')).toBeUndefined();
  });

  it('hands out one round-robin ticket per request across instances', async () => {
    const namespace = nextNamespace();
    const states = [await instance({}, namespace), await instance({}, namespace), await instance({}, namespace)];
    const targets = ['x', 'y', 'z'].map((key) => ({ key, weight: 1 }));
    const picks: string[] = [];
    await Promise.all(
      Array.from({ length: 90 }, async (_, i) => {
        const view = await states[i % 3]!.sync({ route: 'alias', strategy: 'round-robin', candidates: ['x', 'y', 'z'] });
        picks.push(roundRobin({ route: 'alias#primary', targets, state: view, capacity: () => 1, health: () => 1, speed: () => 1 })[0]!);
      }),
    );
    const counts = Object.fromEntries(['x', 'y', 'z'].map((k) => [k, picks.filter((p) => p === k).length]));
    expect(counts).toEqual({ x: 30, y: 30, z: 30 });
  });

  it('keeps namespaces apart', async () => {
    const [a, b] = [await instance({}, nextNamespace()), await instance({}, nextNamespace())];
    expect(await a.tryReserve!([slot('shared', 1)])).toBe(true);
    expect(await b.tryReserve!([slot('shared', 1)])).toBe(true);
    expect(await a.tryReserve!([slot('shared', 1)])).toBe(false);
  });

  it('refuses wrong credentials at open with a message that names the fix and hides the password', async () => {
    const locked = await startRedis({ password: 's3cret-pw' });
    try {
      const wrong = locked.url.replace('s3cret-pw', 'not-it');
      await expect(instance({ url: wrong })).rejects.toThrow(/refused the credentials .*state\.url or LLM_ROUTER_STATE_URL/);
      await expect(instance({ url: wrong })).rejects.not.toThrow(/not-it/);
      await expect(instance({ url: locked.url.replace(':s3cret-pw@', '') })).rejects.toThrow(/NOAUTH/);
      const ok = await instance({ url: locked.url });
      expect(ok.status()).toMatchObject({ connected: true, url: expect.stringContaining('***@') });
    } finally {
      await locked.stop();
    }
  });

  it('serves on local state while Redis is down (fail-open counts locally, fail-closed refuses), logs once, and resumes', async () => {
    const own = await startRedis();
    try {
      const namespace = nextNamespace();
      const openState = await instance({ url: own.url, backoffMs: 50 }, namespace);
      const closedState = await instance({ url: own.url, failMode: 'closed', backoffMs: 50 }, namespace);
      expect(await openState.tryReserve!([slot('c', 3)])).toBe(true);
      await own.kill();
      await new Promise((r) => setTimeout(r, 100));
      expect(openState.status()).toMatchObject({ connected: false, downSince: expect.any(String) });
      const started = Date.now();
      const local = [await openState.tryReserve!([slot('c', 2)]), await openState.tryReserve!([slot('c', 2)]), await openState.tryReserve!([slot('c', 2)])];
      expect(local).toEqual([true, true, false]);
      expect(await closedState.tryReserve!([slot('c', 3)])).toBe(false);
      const view = await openState.sync({ route: 'r', strategy: 'round-robin', candidates: ['p/m'] });
      expect(view).toBe(openState);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(logs.filter((l) => /is unavailable/.test(l))).toHaveLength(2);
      await own.restart();
      for (let i = 0; i < 100 && !openState.status().connected; i += 1) await new Promise((r) => setTimeout(r, 50));
      expect(openState.status()).toMatchObject({ connected: true });
      expect(logs.some((l) => /is back after/.test(l))).toBe(true);
      expect(await openState.tryReserve!([slot('d', 1)])).toBe(true);
      expect(await closedState.tryReserve!([slot('d', 1)])).toBe(false);
    } finally {
      await own.stop();
    }
  });
});
