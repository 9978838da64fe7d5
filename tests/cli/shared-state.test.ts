/**
 * Several gateway daemons on one real Redis (LLM_ROUTER_STATE_URL), as a team runs them
 * behind a load balancer: exact caps, shared cooldowns, even round-robin, and a Redis that
 * dies mid-load or refuses the password.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { freePort } from '../helpers/free-port.js';
import { hasRedis, startRedis, type RedisServer } from '../helpers/redis-server.js';

const suite = hasRedis ? describe : describe.skip;
const RUNS = 20;
const PER_RUN = 120;
const CAP = 30;
const SPARE_RUNS = 3;

interface Instance {
  home: TempHome;
  port: number;
  pid: number;
}

suite('gateway instances sharing state on Redis', () => {
  let redis: RedisServer;
  let fake: FakeProvider;
  const instances: Instance[] = [];

  const config = () => ({
    version: 2,
    // A loaded 2-core CI machine can starve Redis past the 50 ms default; this suite tests exactness, not slowness.
    state: { timeoutMs: 5_000 },
    providers: [
      // One capped provider per run, and spares for runs that straddle a minute and are redone.
      ...Array.from({ length: RUNS + SPARE_RUNS }, (_, i) => ({
        id: `capped${i}`,
        baseUrl: `${fake.url}/v1`,
        format: 'openai',
        models: [`cap-${i}`],
        rateLimits: [{ id: 'per-minute', name: '30 a minute', requests: CAP, window: { unit: 'minute', size: 1 }, models: ['all'] }],
      })),
      { id: 'cool', baseUrl: `${fake.url}/v1`, format: 'openai', models: ['fail-429'] },
      { id: 'backup', baseUrl: `${fake.url}/v1`, format: 'openai', models: ['backup-ok'] },
      ...[1, 2, 3].map((n) => ({ id: `rr${n}`, baseUrl: `${fake.url}/v1`, format: 'openai', models: [`rr-${n}`] })),
    ],
    modelAliases: {
      cooling: { strategy: 'ordered', targets: [{ ref: 'cool/fail-429' }, { ref: 'backup/backup-ok' }] },
      spread: { strategy: 'round-robin', targets: [1, 2, 3].map((n) => ({ ref: `rr${n}/rr-${n}` })) },
    },
  });

  const env = () => ({ LLM_ROUTER_STATE_URL: redis.url });
  const chat = (instance: Instance, model: string) =>
    fetch(`http://127.0.0.1:${instance.port}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    });
  const upstreamCalls = (model: string) => fake.requests.filter((r) => r.body?.model === model).length;
  const status = async (instance: Instance) => JSON.parse((await instance.home.run(['status', '--json'])).stdout);

  beforeAll(async () => {
    redis = await startRedis();
    fake = await startFakeProvider();
    for (let i = 0; i < 3; i += 1) {
      const home = await makeTempHome();
      await home.writeConfig(config());
      const port = await freePort();
      const started = await home.run(['start', `--port=${port}`], env());
      expect(started.exitCode, started.stderr).toBe(0);
      const pid = JSON.parse(await readFile(join(home.home, '.llm-router', 'daemon.pid'), 'utf8')).pid as number;
      instances.push({ home, port, pid });
    }
    // Warm each instance (JIT, Redis connection, script load) before anything is counted.
    for (const instance of instances) expect((await chat(instance, 'spread')).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    for (const instance of instances) {
      await instance.home.run(['stop']);
      await instance.home.cleanup();
    }
    await fake.close();
    await redis.stop();
  });

  it('reports the shared backend in status, password masked', async () => {
    const s = await status(instances[0]!);
    expect(s.state).toMatchObject({ backend: 'redis', connected: true, failMode: 'open', url: `redis://127.0.0.1:${redis.port}` });
    // Identical configs derive the same namespace, so the three share state.
    const namespaces = await Promise.all(instances.map(async (i) => (await status(i)).state.namespace));
    expect(new Set(namespaces).size).toBe(1);
  });

  it(`lets exactly ${CAP} of ${PER_RUN} concurrent requests through a ${CAP}/minute bucket, run ${RUNS} times`, async () => {
    let provider = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const n = provider++;
      const model = `capped${n}/cap-${n}`;
      // Minute windows are calendar minutes: a run that straddles one would rightly get two caps.
      const msLeft = 60_000 - (Date.now() % 60_000);
      if (msLeft < 5_000) await new Promise((r) => setTimeout(r, msLeft + 50));
      const minute = Math.floor(Date.now() / 60_000);
      const replies = await Promise.all(Array.from({ length: PER_RUN }, (_, i) => chat(instances[i % 3]!, model)));
      if (Math.floor(Date.now() / 60_000) !== minute && provider < RUNS + SPARE_RUNS) {
        // A loaded machine stretched the run across a minute boundary: redo it on a fresh bucket.
        await Promise.all(replies.map((r) => (r.bodyUsed ? undefined : r.body?.cancel())));
        run -= 1;
        continue;
      }
      const ok = replies.filter((r) => r.status === 200);
      const limited = replies.filter((r) => r.status === 429);
      expect({ run, ok: ok.length, limited: limited.length, upstream: upstreamCalls(`cap-${n}`) }).toEqual({
        run,
        ok: CAP,
        limited: PER_RUN - CAP,
        upstream: CAP,
      });
      for (const r of limited) expect(r.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      const body = (await limited[0]!.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/rate-limit bucket is full/);
      await Promise.all(replies.map((r) => (r.bodyUsed ? undefined : r.body?.cancel())));
    }
  }, 60_000);

  it('honours a cooldown learned by one instance on the very next request to another', async () => {
    const first = await chat(instances[0]!, 'cooling');
    expect(first.status).toBe(200);
    expect(upstreamCalls('fail-429')).toBe(1);
    for (const instance of [instances[1]!, instances[2]!]) {
      const next = await chat(instance, 'cooling');
      expect(next.status).toBe(200);
      expect(((await next.json()) as { model: string }).model).toContain('backup-ok');
    }
    expect(upstreamCalls('fail-429')).toBe(1);
  });

  it('keeps round-robin even across instances (within one)', async () => {
    const before = [1, 2, 3].map((n) => upstreamCalls(`rr-${n}`));
    const replies = await Promise.all(Array.from({ length: 90 }, (_, i) => chat(instances[i % 3]!, 'spread')));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const counts = [1, 2, 3].map((n, i) => upstreamCalls(`rr-${n}`) - before[i]!);
    for (const c of counts) expect(Math.abs(c - 30)).toBeLessThanOrEqual(1);
  });

  it('serves every request while Redis is killed mid-load, shows it in status, and shares state again after a restart', async () => {
    const wave = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => chat(instances[i % 3]!, 'spread')));
    const during = wave(300);
    await new Promise((r) => setTimeout(r, 30));
    await redis.kill();
    const replies = [...(await during), ...(await wave(60))];
    expect(replies.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    const down = await status(instances[1]!);
    expect(down.state).toMatchObject({ backend: 'redis', connected: false, downSince: expect.any(String) });
    expect(await instances[1]!.home.run(['status'])).toMatchObject({ stdout: expect.stringContaining('UNAVAILABLE since') });
    await redis.restart();
    const deadline = Date.now() + 10_000;
    while (!(await Promise.all(instances.map(status))).every((s) => s.state.connected) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await Promise.all(instances.map(status))).map((s) => s.state.connected)).toEqual([true, true, true]);
    const admin = new Redis(redis.url);
    try {
      await wave(3);
      expect((await admin.keys('llmr:*:c:*')).length).toBeGreaterThan(0);
    } finally {
      admin.disconnect();
    }
    const log = await readFile(join(instances[1]!.home.home, '.llm-router', 'daemon.log'), 'utf8');
    expect(log.split('\n').filter((l) => l.includes('is unavailable')).length).toBe(1);
    expect(log).toContain('shared state resumes');
  }, 60_000);

  it('refuses to start with a wrong Redis password, saying so', async () => {
    const locked = await startRedis({ password: 'right-one' });
    const home = await makeTempHome();
    try {
      await home.writeConfig(config());
      const r = await home.run(['start', `--port=${await freePort()}`], { LLM_ROUTER_STATE_URL: locked.url.replace('right-one', 'wrong-one') });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/refused the credentials .*WRONGPASS.*state\.url or LLM_ROUTER_STATE_URL/s);
      expect(r.stderr).not.toContain('wrong-one');
    } finally {
      await home.cleanup();
      await locked.stop();
    }
  });
});
