/** The routing engine in the gateway, against the fake provider: every failure class, cooldowns, caps. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleOpenAIChat } from '../formats/assemble.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig, startGateway, type RunningGateway } from '../helpers/gateway.js';
import type { Config } from '../../src/config/schema.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

const env = { LLM_ROUTER_DEBUG_ROUTING: '1', LLM_ROUTER_ORIGIN_RETRY_BASE_DELAY_MS: '0' };
const chat = (model: string, stream = false) => JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi' }] });
const post = (gw: RunningGateway, body: string) =>
  fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

function withAliases(aliases: NonNullable<Config['modelAliases']>, extra: Partial<Config> = {}): Config {
  const config = fakeConfig(fake.url, extra);
  config.modelAliases = { ...config.modelAliases, ...aliases };
  return config;
}

async function using<T>(config: Config, extraEnv: Record<string, string>, fn: (gw: RunningGateway & { requests: () => number }) => Promise<T>): Promise<T> {
  const gw = await startGateway(config, { ...env, ...extraEnv });
  try {
    return await fn(gw);
  } finally {
    await gw.close();
  }
}

describe('failure classes at the gateway', () => {
  it('5xx: the origin is retried (with backoff), then the fallback tier takes over', async () => {
    await using(fakeConfig(fake.url), { LLM_ROUTER_FALLBACK_CIRCUIT_FAILURES: '0' }, async (gw) => {
      const res = await post(gw, chat('oa/fail-500'));
      expect(res.status).toBe(200);
      expect(res.headers.get('x-llm-router-attempts')).toBe('oa/fail-500:500,oa/fail-500:500#2,oa/fail-500:500#3,an/ok:200');
    });
  });

  it('a retry that succeeds stays on the origin', async () => {
    await using(fakeConfig(fake.url), {}, async (gw) => {
      const res = await post(gw, chat('oa/flaky'));
      expect(((await res.json()) as any).choices[0].message.content).toBe('Hello from openai:flaky');
      expect(res.headers.get('x-llm-router-attempts')).toBe('oa/flaky:500,oa/flaky:200#2');
    });
  });

  it('the circuit counts failed requests, not tries: two failed requests open it, and the next request skips it', async () => {
    await using(fakeConfig(fake.url), {}, async (gw) => {
      const all = 'oa/fail-500:500,oa/fail-500:500#2,oa/fail-500:500#3,an/ok:200';
      const first = await post(gw, chat('oa/fail-500'));
      expect(first.headers.get('x-llm-router-attempts')).toBe(all);
      const second = await post(gw, chat('oa/fail-500'));
      expect(second.headers.get('x-llm-router-attempts')).toBe(all);
      const third = await post(gw, chat('oa/fail-500'));
      expect(third.headers.get('x-llm-router-skipped-candidates')).toBe('oa/fail-500:circuit-open');
      expect(third.headers.get('x-llm-router-attempts')).toBe('an/ok:200');
    });
  });

  it('429: no retry, fallback now, cooldown from Retry-After, then back in rotation', async () => {
    await using(fakeConfig(fake.url), {}, async (gw) => {
      const first = await post(gw, chat('after-429'));
      expect(first.headers.get('x-llm-router-attempts')).toBe('oa/fail-429:429,an/ok:200');
      const second = await post(gw, chat('after-429'));
      expect(second.headers.get('x-llm-router-skipped-candidates')).toBe('oa/fail-429:cooldown');
      await new Promise((r) => setTimeout(r, 1_050));
      const third = await post(gw, chat('after-429'));
      expect(third.headers.get('x-llm-router-attempts')).toBe('oa/fail-429:429,an/ok:200');
    });
  });

  it('401: fallback and a long cooldown; a 403 policy block is returned without fallback', async () => {
    const config = withAliases({
      auth: { targets: [{ ref: 'oa/fail-401' }, { ref: 'an/ok' }] },
      policy: { targets: [{ ref: 'oa/fail-403-policy' }, { ref: 'an/ok' }] },
    });
    await using(config, {}, async (gw) => {
      const auth = await post(gw, chat('auth'));
      expect(auth.status).toBe(200);
      expect((await post(gw, chat('auth'))).headers.get('x-llm-router-skipped-candidates')).toBe('oa/fail-401:cooldown');
      const policy = await post(gw, chat('policy'));
      expect(policy.status).toBe(403);
      expect(policy.headers.get('x-llm-router-attempts')).toBe('oa/fail-403-policy:403');
    });
  });

  it('402 and 404 fall back at once and cool the target down', async () => {
    const config = withAliases({
      billing: { targets: [{ ref: 'oa/fail-402' }, { ref: 'an/ok' }] },
      gone: { targets: [{ ref: 'an/fail-404' }, { ref: 'oa/ok' }] },
    });
    await using(config, {}, async (gw) => {
      expect((await post(gw, chat('billing'))).headers.get('x-llm-router-attempts')).toBe('oa/fail-402:402,an/ok:200');
      expect((await post(gw, chat('billing'))).headers.get('x-llm-router-skipped-candidates')).toBe('oa/fail-402:cooldown');
      expect((await post(gw, chat('gone'))).headers.get('x-llm-router-attempts')).toBe('an/fail-404:404,oa/ok:200');
      expect((await post(gw, chat('gone'))).headers.get('x-llm-router-skipped-candidates')).toBe('an/fail-404:cooldown');
    });
  });

  it('an error after output is sent in-stream and the stream ends cleanly, without fallback', async () => {
    const config = withAliases({ late: { targets: [{ ref: 'an/error-after-output' }, { ref: 'oa/ok' }] } });
    await using(config, {}, async (gw) => {
      const res = await post(gw, chat('late', true));
      const got = assembleOpenAIChat(await res.text());
      expect(got).toMatchObject({ text: 'Hello', error: 'Overloaded', terminals: 1 });
      expect(res.headers.get('x-llm-router-attempts')).toBe('an/error-after-output:200');
    });
  });
});

describe('when every target is unavailable', () => {
  it('answers 429 with Retry-After when recovery is not near', async () => {
    await using(fakeConfig(fake.url), { LLM_ROUTER_MAX_WAIT_FOR_RECOVERY_MS: '0' }, async (gw) => {
      await post(gw, chat('oa/fail-429'));
      const res = await post(gw, chat('oa/fail-429'));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(((await res.json()) as any).error).toMatchObject({
        code: 'rate_limited',
        message: expect.stringMatching(/every target of "oa\/fail-429" is rate limited .*oa\/fail-429: rate limited by the provider/),
      });
    });
  });

  it('waits for the earliest recovery when it is near, then calls', async () => {
    await using(withAliases({ solo: { targets: [{ ref: 'oa/fail-429' }] } }), {}, async (gw) => {
      await post(gw, chat('solo'));
      const started = Date.now();
      const calls = gw.requests();
      const res = await post(gw, chat('solo'));
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(gw.requests()).toBe(calls + 1);
      expect(res.status).toBe(429);
    });
  });
});

describe('rate-limit buckets at the gateway', () => {
  const capped = (requests: number, models = ['all']) => {
    const config = fakeConfig(fake.url);
    config.providers[1]!.rateLimits = [{ id: 'cap', models, requests, window: { unit: 'minute', size: 1 } }];
    return config;
  };
  // The windows are clock minutes: a test that crossed into the next one would get a fresh cap.
  const awayFromMinuteEdge = async () => {
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 3_000) await new Promise((r) => setTimeout(r, left + 50));
  };

  it('100 parallel requests against a cap of 10 make exactly 10 upstream calls', async () => {
    await awayFromMinuteEdge();
    await using(capped(10), { LLM_ROUTER_MAX_WAIT_FOR_RECOVERY_MS: '0' }, async (gw) => {
      const results = await Promise.all(Array.from({ length: 100 }, () => post(gw, chat('an/ok')).then((r) => r.status)));
      expect(gw.requests()).toBe(10);
      expect(results.filter((s) => s === 200)).toHaveLength(10);
      expect(results.filter((s) => s === 429)).toHaveLength(90);
    });
  });

  it('only requests the provider accepted count against the cap', async () => {
    await awayFromMinuteEdge();
    await using(capped(2), { LLM_ROUTER_MAX_WAIT_FOR_RECOVERY_MS: '0', LLM_ROUTER_ORIGIN_RETRY_ATTEMPTS: '1' }, async (gw) => {
      for (let i = 0; i < 3; i += 1) expect((await post(gw, chat('an/fail-400'))).status).toBe(400);
      expect((await post(gw, chat('an/ok'))).status).toBe(200);
      expect((await post(gw, chat('an/ok'))).status).toBe(200);
      const over = await post(gw, chat('an/ok'));
      expect(over.status).toBe(429);
      expect(over.headers.get('x-llm-router-skipped-candidates')).toBe('an/ok:quota-exhausted');
    });
  });
});
