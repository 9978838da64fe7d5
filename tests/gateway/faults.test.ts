/** Fault modes over real sockets: fallback before output, no fallback on 400, timeouts, client abort. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleAnthropic, assembleOpenAIChat } from '../formats/assemble.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig, startGateway, type RunningGateway } from '../helpers/gateway.js';

let fake: FakeProvider;
let gw: RunningGateway;
beforeAll(async () => {
  fake = await startFakeProvider();
  // One try per target here: retries, cooldowns and caps are tested in routing.test.ts.
  gw = await startGateway(fakeConfig(fake.url), {
    LLM_ROUTER_UPSTREAM_TIMEOUT_MS: '1000',
    LLM_ROUTER_DEBUG_ROUTING: 'true',
    LLM_ROUTER_ORIGIN_RETRY_ATTEMPTS: '1',
    LLM_ROUTER_FALLBACK_CIRCUIT_FAILURES: '0',
  });
});
afterAll(async () => {
  const started = Date.now();
  await gw.close();
  expect(Date.now() - started).toBeLessThan(1000); // spare keep-alive sockets do not hold up shutdown
  await fake.close();
});

const post = (path: string, body: unknown, init: RequestInit = {}) =>
  fetch(`${gw.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...init });
const chat = (model: string, stream = false) => ({ model, stream, messages: [{ role: 'user', content: 'hi' }] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fallback before any output', () => {
  it('429 on the first target moves to the next, with debug headers naming both', async () => {
    const res = await post('/v1/chat/completions', chat('after-429'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).choices[0].message.content).toBe('Hello from claude:ok');
    expect(res.headers.get('x-llm-router-selected-candidate')).toBe('an/ok');
    expect(res.headers.get('x-llm-router-attempts')).toBe('oa/fail-429:429,an/ok:200');
  });

  it('5xx on a direct ref falls back to its fallbackModels', async () => {
    const res = await post('/v1/chat/completions', chat('oa/fail-500', true));
    expect(res.status).toBe(200);
    expect(assembleOpenAIChat(await res.text()).text).toBe('Hello from claude:ok');
  });

  it('an error event inside an HTTP 200 stream, before output, is routed around', async () => {
    const res = await post('/v1/messages', { ...chat('after-error-event', true), max_tokens: 10 });
    expect(res.status).toBe(200);
    const got = assembleAnthropic(await res.text());
    expect(got.error).toBeUndefined();
    expect(got.text).toBe('Hello from openai:ok');
    expect(res.headers.get('x-llm-router-attempts')).toBe('an/stream-error-first:stream-error,oa/ok:200');
  });

  it('a 400 is returned as it is, without fallback, in the client format', async () => {
    const res = await post('/v1/messages', { ...chat('after-400'), max_tokens: 10 });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'fake 400' } });
    expect(res.headers.get('x-llm-router-attempts')).toBe('oa/fail-400:400');
  });

  it('when every candidate fails, the last error comes back in the client format', async () => {
    const res = await post('/v1/messages', { ...chat('oa/fail-429'), max_tokens: 10 });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'fake 429' } });
  });
});

describe('timeouts', () => {
  it('no response headers within LLM_ROUTER_UPSTREAM_TIMEOUT_MS moves to the next candidate', async () => {
    const started = Date.now();
    const res = await post('/v1/chat/completions', chat('after-slow'));
    expect(((await res.json()) as any).choices[0].message.content).toBe('Hello from claude:ok');
    expect(res.headers.get('x-llm-router-attempts')).toBe('oa/slow-headers:timeout,an/ok:200');
    // The fake answers after 3 s; undici's timer fires between 1.0 and ~1.5 s.
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('a healthy stream longer than the header timeout is never cut', async () => {
    const started = Date.now();
    const res = await post('/v1/messages', { ...chat('oa/slow-stream', true), max_tokens: 10 });
    const got = assembleAnthropic(await res.text());
    expect(Date.now() - started).toBeGreaterThan(1900);
    expect(got.error).toBeUndefined();
    expect(got.text).toBe('abcdefgh');
    expect(got.terminals).toBe(1);
  });
});

describe('client abort', () => {
  it.each(['oa', 'an'])('closing the client connection aborts the upstream request (%s)', async (provider) => {
    const before = fake.requests.length;
    const controller = new AbortController();
    const res = await post('/v1/chat/completions', chat(`${provider}/hang-stream`, true), { signal: controller.signal });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('data:');
    controller.abort();
    const upstream = fake.requests[before]!;
    for (let i = 0; i < 100 && !upstream.aborted; i += 1) await sleep(20);
    expect(upstream.aborted).toBe(true);
  });
});

describe('overhead header', () => {
  it("does not count the upstream's time to first token as router overhead", async () => {
    const res = await post('/v1/messages', { ...chat('oa/slow-first-token', true), max_tokens: 10 });
    expect(assembleAnthropic(await res.text()).text).toBe('Hello from openai:slow-first-token');
    expect(Number(res.headers.get('x-llm-router-overhead-ms'))).toBeLessThan(100);
  });
});
