/**
 * The built Worker under Miniflare (workerd), beyond the SDK suite (tests/gateway/sdk-clients):
 * config delivery (sealed > 5 KB, the seed's plain secret, missing pieces), auth, guards on
 * cf-connecting-ip, error shapes, fallback, and the Durable Object keeping a bucket cap
 * exact across two isolates where per-isolate memory cannot.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig } from '../helpers/gateway.js';
import { miniflareOptions, startWorker, workerProject, type RunningWorker } from '../helpers/worker.js';

const KEY = 'gw_worker-test-master-key-0123456789abcdef';
let fake: FakeProvider;
const running: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  for (const r of running) await r.close();
  await fake?.close();
});

async function worker(config: Config, opts: Parameters<typeof startWorker>[1] = {}): Promise<RunningWorker> {
  const w = await startWorker(config, opts);
  running.push(w);
  return w;
}

const chat = (model: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 10, ...extra });
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers }, body });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

/** A dozen providers with long keys and many models: far over one secret's 5 KB. */
function bigConfig(): Config {
  const base = fakeConfig(fake.url);
  const extra = Array.from({ length: 11 }, (_, i) => ({
    id: `p${i}`,
    name: `Provider ${i}`,
    baseUrl: `https://api.provider-${i}.example/v1`,
    apiKey: `sk-provider-${i}-${'x'.repeat(80)}`,
    format: 'openai' as const,
    formats: ['openai' as const],
    models: Array.from({ length: 20 }, (_, m) => ({ id: `model-${m}-with-a-long-name` })),
    rateLimits: [],
  }));
  return { ...base, masterKey: KEY, providers: [...base.providers, ...extra] };
}

describe('config delivery', () => {
  it('serves a config far larger than 5 KB sealed into the bundle, with no provider key in plain text anywhere in it', async () => {
    const config = bigConfig();
    expect(JSON.stringify(config).length).toBeGreaterThan(2 * 5 * 1024);
    const w = await worker(config);
    const res = await post(`${w.url}/v1/chat/completions`, chat('an/ok'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe('Hello from claude:ok');
    const bundle = filesUnder(w.dir).map((f) => readFileSync(f, 'utf8'));
    for (const p of config.providers) expect(bundle.some((text) => text.includes(p.apiKey!))).toBe(false);
    expect(bundle.some((text) => text.includes(KEY))).toBe(false);
    const models = (await (await fetch(`${w.url}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { data: unknown[] };
    expect(models.data).toHaveLength(2 * 19 + 11 * 20 + 4);
  });

  it("takes the seed's plain LLM_ROUTER_CONFIG_JSON secret", async () => {
    const w = await worker({ ...fakeConfig(fake.url), masterKey: KEY }, { plainSecret: true });
    expect((await post(`${w.url}/v1/messages`, chat('oa/ok'), { 'anthropic-version': '2023-06-01' })).status).toBe(200);
  });

  it('refuses to serve without a master key, or with a sealed config and no key to open it, saying which', async () => {
    const noKey = await worker(fakeConfig(fake.url));
    const res = await post(`${noKey.url}/v1/chat/completions`, chat('oa/ok'));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: Record<string, unknown> }).error).toMatchObject({
      code: 'configuration_error',
      message: expect.stringContaining('LLM_ROUTER_MASTER_KEY'),
    });
    const { dir } = await workerProject({ ...fakeConfig(fake.url), masterKey: KEY });
    const mf = new Miniflare(miniflareOptions(dir, { LLM_ROUTER_MASTER_KEY: KEY }));
    running.push({ close: () => mf.dispose() });
    const sealedOnly = await mf.dispatchFetch('http://worker/health');
    expect(sealedOnly.status).toBe(503);
    expect(await sealedOnly.text()).toContain('LLM_ROUTER_CONFIG_KEY');
  });
});

describe('the gateway surface on the Worker', () => {
  let w: RunningWorker;
  beforeAll(async () => {
    w = await worker(
      { ...fakeConfig(fake.url), masterKey: KEY },
      {
        bindings: { LLM_ROUTER_ALLOWED_IPS: '203.0.113.7', LLM_ROUTER_CORS_ALLOWED_ORIGINS: 'https://app.example', LLM_ROUTER_MAX_REQUEST_BODY_BYTES: '4096' },
      },
    );
  });
  const from = (ip: string, extra: Record<string, string> = {}) => ({ 'cf-connecting-ip': ip, ...extra });

  it('/health says it is the Worker and which state backend is active', async () => {
    expect(await (await fetch(`${w.url}/health`, { headers: from('203.0.113.7') })).json()).toMatchObject({
      status: 'ok',
      runtime: 'worker',
      stateBackend: 'durable-object',
    });
  });

  it('checks the client address from cf-connecting-ip', async () => {
    expect((await post(`${w.url}/v1/chat/completions`, chat('oa/ok'), from('203.0.113.7'))).status).toBe(200);
    const refused = await post(`${w.url}/v1/chat/completions`, chat('oa/ok'), from('198.51.100.1'));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: Record<string, unknown> }).error.code).toBe('forbidden');
  });

  it('refuses browser origins off the list and answers allowed preflights', async () => {
    const evil = await post(`${w.url}/v1/chat/completions`, chat('oa/ok'), from('203.0.113.7', { origin: 'https://evil.example' }));
    expect(evil.status).toBe(403);
    const ok = await post(`${w.url}/v1/chat/completions`, chat('oa/ok'), from('203.0.113.7', { origin: 'https://app.example' }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const preflight = await fetch(`${w.url}/v1/messages`, {
      method: 'OPTIONS',
      headers: from('203.0.113.7', {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key, anthropic-version',
      }),
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-api-key, anthropic-version');
  });

  it('answers a wrong key, an unknown route and an oversized body in the client format', async () => {
    const wrong = await post(`${w.url}/v1/messages`, chat('an/ok'), from('203.0.113.7', { authorization: 'Bearer nope', 'anthropic-version': '2023-06-01' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const unknown = await post(`${w.url}/v2/nothing`, chat('oa/ok'), from('203.0.113.7'));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: Record<string, unknown> }).error.code).toBe('route_not_found');
    const big = await post(`${w.url}/v1/chat/completions`, chat('oa/ok', { padding: 'x'.repeat(10_000) }), from('203.0.113.7'));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: Record<string, unknown> }).error.code).toBe('body_too_large');
  });

  it('refuses hostile bodies with the right 4xx, never a 500, and keeps serving', async () => {
    const url = `${w.url}/v1/chat/completions`;
    const headers = { authorization: `Bearer ${KEY}`, ...from('203.0.113.7') };
    const send = (body: string | Blob, type?: string) =>
      fetch(url, { method: 'POST', headers: { ...headers, ...(type ? { 'content-type': type } : {}) }, body });
    const cases: [string, Promise<Response>, number, string][] = [
      ['text/plain body', send('{"model":"oa/ok"}', 'text/plain'), 415, 'unsupported_media_type'],
      ['no content type', send(new Blob(['{"model":"oa/ok"}'])), 415, 'unsupported_media_type'],
      ['broken JSON', send('{"model":', 'application/json'), 400, 'invalid_request'],
      ['a JSON array', send('[1,2,3]', 'application/json'), 400, 'invalid_request'],
      ['nested 1,500 deep', send('['.repeat(1_500) + ']'.repeat(1_500), 'application/json'), 400, 'invalid_request'],
    ];
    for (const [what, pending, status, code] of cases) {
      const res = await pending;
      expect([what, res.status]).toEqual([what, status]);
      expect([what, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([what, code]);
    }
    // A streamed (chunked) upload past the limit, with no Content-Length to refuse up front.
    const chunked = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 4; i += 1) c.enqueue(new TextEncoder().encode('x'.repeat(2_000)));
        c.close();
      },
    });
    const big = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit);
    expect(big.status).toBe(413);
    const head = await fetch(`${w.url}/health`, { method: 'HEAD', headers: from('203.0.113.7') });
    expect([head.status, await head.text()]).toEqual([200, '']);
    expect((await fetch(url, { headers })).status).toBe(404);
    expect((await post(url, chat('oa/ok'), from('203.0.113.7'))).status).toBe(200);
  });

  it('falls back to the next target when the first fails, streamed and not', async () => {
    const res = await post(`${w.url}/v1/chat/completions`, chat('after-429'), from('203.0.113.7'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe('Hello from claude:ok');
    const streamed = await post(`${w.url}/v1/chat/completions`, chat('oa/fail-500', { stream: true }), from('203.0.113.7'));
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toContain('data: [DONE]');
  });
});

describe('routing state across isolates', () => {
  /** One Miniflare, two Workers (two isolates) on the same bundle; with `durable`, both bind the one Durable Object. */
  async function twoIsolates(durable: boolean, cap: number) {
    const config = { ...fakeConfig(fake.url), masterKey: KEY };
    config.providers[1]!.rateLimits = [{ id: 'cap', models: ['slow-first-token'], requests: cap, window: { unit: 'hour', size: 1 } }];
    const { dir, secrets } = await workerProject(config);
    // No waiting for the next window (a burst near a minute's end would otherwise wait for it).
    const base = miniflareOptions(dir, { ...secrets, LLM_ROUTER_MAX_WAIT_FOR_RECOVERY_MS: '0' }, { durable: false });
    const { host: _h, port: _p, ...worker } = base as typeof base & { host?: string; port?: number };
    const binding = (scriptName?: string) =>
      durable ? { durableObjects: { LLM_ROUTER_STATE: { className: 'RoutingStateObject', useSQLite: true, ...(scriptName ? { scriptName } : {}) } } } : {};
    const mf = new Miniflare({ workers: [{ ...worker, name: 'a', ...binding() } as never, { ...worker, name: 'b', ...binding('a') } as never] });
    running.push({ close: () => mf.dispose() });
    await mf.ready;
    const fetchers = [await mf.getWorker('a'), await mf.getWorker('b')] as unknown as { fetch: (url: string, init: RequestInit) => Promise<Response> }[];
    return fetchers;
  }

  async function burst(isolates: { fetch: (url: string, init: RequestInit) => Promise<Response> }[], n: number): Promise<number[]> {
    const calls = Array.from({ length: n }, (_, i) =>
      isolates[i % 2]!.fetch('http://worker/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: chat('an/slow-first-token'),
      }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      }),
    );
    return Promise.all(calls);
  }

  it('a bucket cap holds exactly under concurrent requests from two isolates sharing the Durable Object', async () => {
    const statuses = await burst(await twoIsolates(true, 10), 30);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });

  it('per-isolate memory (no binding) lets each isolate fill its own count: why the Durable Object is the default', async () => {
    const statuses = await burst(await twoIsolates(false, 10), 30);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
  });
});
