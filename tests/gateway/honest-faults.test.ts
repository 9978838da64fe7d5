/**
 * Issue #12, faults that must route like faults, and status codes that do not lie:
 * broken 200 bodies, unreachable providers, a provider refusing our key, retries the
 * circuit breaker used to cut short, Retry-After relayed, "smart" as an alias, bucket
 * slots released when the client goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig, startGateway, type RunningGateway } from '../helpers/gateway.js';
import type { Config } from '../../src/config/schema.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

const env = { LLM_ROUTER_DEBUG_ROUTING: '1', LLM_ROUTER_ORIGIN_RETRY_BASE_DELAY_MS: '0', LLM_ROUTER_MAX_WAIT_FOR_RECOVERY_MS: '0' };
const chat = (model: string, stream = false) => JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi' }] });
const post = (gw: RunningGateway, body: string, path = '/v1/chat/completions', signal?: AbortSignal) =>
  fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body,
    ...(signal ? { signal } : {}),
  });

async function using<T>(
  config: Config,
  fn: (gw: RunningGateway & { requests: () => number }) => Promise<T>,
  extraEnv: Record<string, string> = {},
): Promise<T> {
  const gw = await startGateway(config, { ...env, ...extraEnv });
  try {
    return await fn(gw);
  } finally {
    await gw.close();
  }
}

function config(aliases: NonNullable<Config['modelAliases']> = {}, extra: Partial<Config> = {}): Config {
  const c = fakeConfig(fake.url, extra);
  c.providers.push({
    id: 'dead',
    name: 'Dead Provider',
    baseUrl: 'http://127.0.0.1:9',
    apiKey: 'k',
    format: 'openai',
    formats: ['openai'],
    models: [{ id: 'm' }],
  });
  c.modelAliases = { ...c.modelAliases, ...aliases };
  return c;
}

describe('a broken 200 body is a network failure, never a 500 or a 200 with garbage', () => {
  it.each(['truncated-json', 'invalid-json'])('%s: retried, then the next candidate answers', async (model) => {
    await using(config({ r: { targets: [{ ref: `oa/${model}` }, { ref: 'an/ok' }] } }), async (gw) => {
      const res = await post(gw, chat('r'));
      expect(res.status).toBe(200);
      expect(res.headers.get('x-llm-router-attempts')).toBe(`oa/${model}:network,oa/${model}:network#2,oa/${model}:network#3,an/ok:200`);
    });
  });

  it.each(['truncated-json', 'invalid-json'])('%s with nowhere to go: 502 naming the provider (passthrough too)', async (model) => {
    await using(config(), async (gw) => {
      const res = await post(gw, chat(`oa/${model}`));
      expect(res.status).toBe(502);
      const error = ((await res.json()) as any).error;
      expect(error.code).toBe('provider_unreachable');
      expect(error.message).toContain('provider "Fake OpenAI" (oa/');
    });
  });
});

describe('status codes that do not lie', () => {
  it('an unreachable provider: 502, then 503 providers_unavailable (not a rate limit) once its circuit is open', async () => {
    await using(config(), async (gw) => {
      const statuses: number[] = [];
      let last: any;
      for (let i = 0; i < 3; i += 1) {
        const res = await post(gw, chat('dead/m'));
        statuses.push(res.status);
        last = await res.json();
      }
      expect(statuses).toEqual([502, 502, 503]);
      expect(last.error.type).not.toBe('rate_limit_error');
      expect(last.error).toMatchObject({
        code: 'providers_unavailable',
        message: expect.stringMatching(/dead\/m: circuit open after repeated failures \(last: network_error\)/),
      });
    });
  });

  it('a provider rejecting our configured key: 502 provider_auth_failed, for Anthropic clients too', async () => {
    await using(config(), async (gw) => {
      const chatRes = await post(gw, chat('oa/fail-401'));
      expect(chatRes.status).toBe(502);
      expect(((await chatRes.json()) as any).error).toMatchObject({
        code: 'provider_auth_failed',
        message: expect.stringMatching(/rejected the API key llm-router is configured to send it .*apiKey/),
      });
      const anthropic = await post(gw, JSON.stringify({ model: 'an/fail-401', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }), '/v1/messages');
      expect(anthropic.status).toBe(502);
      expect(((await anthropic.json()) as any).error.type).toBe('api_error');
    });
  });

  it('a real upstream 429 reaches the client as 429 with an integer Retry-After', async () => {
    await using(config(), async (gw) => {
      const res = await post(gw, chat('oa/fail-429'));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
    });
  });
});

describe('retries are not cut short', () => {
  it('an origin that fails twice then succeeds answers on the third try (the breaker counts requests, not tries)', async () => {
    await using(config(), async (gw) => {
      const res = await post(gw, chat('oa/fail-twice'));
      expect(res.status).toBe(200);
      expect(res.headers.get('x-llm-router-attempts')).toBe('oa/fail-twice:500,oa/fail-twice:500#2,oa/fail-twice:200#3');
      const again = await post(gw, chat('oa/fail-twice'));
      expect(again.headers.get('x-llm-router-skipped-candidates')).toBeNull();
    });
  });
});

describe('"smart"', () => {
  it('routes to an alias named smart when there is one, else to the default model', async () => {
    await using(config({ smart: { targets: [{ ref: 'an/ok' }] } }), async (gw) => {
      const res = await post(gw, chat('smart'));
      expect(res.headers.get('x-llm-router-selected-candidate')).toBe('an/ok');
    });
    await using(config(), async (gw) => {
      const res = await post(gw, chat('smart'));
      expect(res.headers.get('x-llm-router-selected-candidate')).toBe('oa/ok');
    });
  });
});

describe('bucket slots', () => {
  it('are released when the client goes away before the provider answers', async () => {
    const c = config();
    c.providers[0]!.rateLimits = [{ id: 'one', models: ['slow-headers'], requests: 1, window: { unit: 'minute', size: 1 } }];
    await using(c, async (gw) => {
      const abort = new AbortController();
      const first = post(gw, chat('oa/slow-headers'), '/v1/chat/completions', abort.signal).catch((err: Error) => err);
      await new Promise((r) => setTimeout(r, 300));
      abort.abort();
      expect(await first).toBeInstanceOf(Error);
      await new Promise((r) => setTimeout(r, 100));
      const second = await post(gw, chat('oa/slow-headers'));
      expect(second.status).toBe(200);
      expect(second.headers.get('x-llm-router-skipped-candidates')).toBeNull();
    });
  });
});
