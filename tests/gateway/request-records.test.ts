/**
 * Issue #15: one record per request (what happened, tokens, cost, never content), usage
 * exact in every client/upstream pair streamed and not, and GET /metrics that a
 * Prometheus text parser reads.
 */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { createGatewayMetrics } from '../../src/gateway/node/metrics.js';
import type { RequestRecord } from '../../src/gateway/core/observe/request-record.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig, startGateway, type RunningGateway } from '../helpers/gateway.js';

let fake: FakeProvider;
let gw: RunningGateway;
const records: RequestRecord[] = [];
const metrics = createGatewayMetrics();
const PRICING = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

beforeAll(async () => {
  fake = await startFakeProvider();
  const config: Config = fakeConfig(fake.url);
  for (const p of config.providers) p.models.push({ id: 'cached-usage', pricing: PRICING });
  config.providers.push({ id: 'rs', baseUrl: `${fake.url}/v1`, apiKey: 'sk-rs', format: 'responses', models: [{ id: 'cached-usage', pricing: PRICING }] });
  config.modelAliases = { ...config.modelAliases, 'only-429': { strategy: 'ordered', targets: [{ ref: 'oa/fail-429' }] } };
  gw = await startGateway(
    config,
    { LLM_ROUTER_ORIGIN_RETRY_BASE_DELAY_MS: '0', LLM_ROUTER_MAX_WAIT_FOR_RECOVERY_MS: '3000', LLM_ROUTER_FALLBACK_CIRCUIT_FAILURES: '0' },
    {},
    { onRecord: (r) => records.push(r), metrics },
  );
});
afterAll(async () => {
  await gw.close();
  await fake.close();
});

const PATHS = { 'openai-chat': '/v1/chat/completions', 'anthropic-messages': '/v1/messages', 'openai-responses': '/v1/responses' } as const;
type Client = keyof typeof PATHS;

function body(client: Client, model: string, stream: boolean): string {
  if (client === 'openai-responses') return JSON.stringify({ model, input: 'secret prompt words', stream });
  if (client === 'anthropic-messages') return JSON.stringify({ model, max_tokens: 64, stream, messages: [{ role: 'user', content: 'secret prompt words' }] });
  return JSON.stringify({
    model,
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
    messages: [{ role: 'user', content: 'secret prompt words' }],
  });
}

async function call(client: Client, model: string, stream = false, signal?: AbortSignal): Promise<{ res: Response; record: RequestRecord }> {
  const before = records.length;
  const res = await fetch(`${gw.url}${PATHS[client]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: body(client, model, stream),
    ...(signal ? { signal } : {}),
  });
  await res.text().catch(() => '');
  for (let i = 0; i < 100 && records.length === before; i += 1) await new Promise((r) => setTimeout(r, 10));
  const record = records.at(-1);
  if (!record || records.length === before) throw new Error('no record');
  return { res, record };
}

// What each fake upstream reports, in canonical terms (input includes cache reads and writes).
const EXPECTED = {
  oa: { input: 1200, output: 40, cacheRead: 1000, cacheWrite: 0, reasoning: 12 },
  an: { input: 1200, output: 40, cacheRead: 900, cacheWrite: 100, reasoning: 0 },
  rs: { input: 1500, output: 60, cacheRead: 1200, cacheWrite: 0, reasoning: 20 },
};
const cost = (t: (typeof EXPECTED)['an']) =>
  (Math.max(0, t.input - t.cacheRead - t.cacheWrite) * 3 + t.cacheRead * 0.3 + t.cacheWrite * 3.75 + t.output * 15) / 1e6;

describe('request records', () => {
  const pairs = (['openai-chat', 'anthropic-messages', 'openai-responses'] as const).flatMap((client) =>
    (['oa', 'an', 'rs'] as const).flatMap((upstream) => [false, true].map((stream) => [client, upstream, stream] as const)),
  );
  it.each(pairs)('%s client -> %s upstream (stream %s): tokens and cost exactly as the upstream reported', async (client, upstream, stream) => {
    const { res, record } = await call(client, `${upstream}/cached-usage`, stream);
    expect(res.status).toBe(200);
    expect(record).toMatchObject({ client, selected: `${upstream}/cached-usage`, provider: upstream, streamed: stream, status: 200, aborted: false });
    expect(record.tokens).toEqual(EXPECTED[upstream]);
    expect(record.cost).toBeCloseTo(cost(EXPECTED[upstream]), 10);
    expect(record.id).toMatch(/^req_[0-9a-f]{24}$/);
    expect(res.headers.get('x-request-id')).toBe(record.id);
    expect(record.ttftMs).toBeGreaterThan(0);
    expect(JSON.stringify(record)).not.toMatch(/secret prompt|Hello from|sk-/);
  });

  it('an OpenAI Chat stream without include_usage still records usage, and the client gets no usage chunk', async () => {
    const before = records.length;
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'oa/cached-usage', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await res.text();
    for (let i = 0; i < 100 && records.length === before; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(records.at(-1)?.tokens).toEqual(EXPECTED.oa);
    expect(text).toContain('openai:cached-usage');
    expect(text).not.toContain('"choices":[]');
    expect(text).not.toMatch(/"usage":\{/);
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('records retries, and which candidate answered after a fallback', async () => {
    const retried = await call('openai-chat', 'oa/fail-twice');
    expect(retried.record).toMatchObject({ status: 200, retries: 2, fallback: false, selected: 'oa/fail-twice' });
    expect(retried.record.attempts.map((a) => `${a.label}:${a.decision}`)).toEqual(['500:retry', '500:retry', '200:success']);
    const fellBack = await call('openai-chat', 'after-429');
    expect(fellBack.record).toMatchObject({ status: 200, fallback: true, route: 'after-429', strategy: 'ordered', selected: 'an/ok' });
    expect(fellBack.record.attempts[0]).toMatchObject({ candidate: 'oa/fail-429', label: '429', category: 'rate_limited', decision: 'next' });
  });

  it('records an error sent in-stream after output, and a client that went away', async () => {
    const broken = await call('anthropic-messages', 'an/error-after-output', true);
    expect(broken.record).toMatchObject({ status: 200, streamed: true });
    expect(broken.record.streamError).toMatch(/overloaded|Overloaded/);
    const abort = new AbortController();
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body('openai-chat', 'oa/slow-stream', true),
      signal: abort.signal,
    });
    const before = records.length;
    await res.body!.getReader().read();
    abort.abort();
    for (let i = 0; i < 100 && records.length === before; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(records.at(-1)).toMatchObject({ aborted: true, streamed: true, selected: 'oa/slow-stream' });
  });

  it('records a request whose client left before the provider answered, as aborted', async () => {
    const abort = new AbortController();
    const before = records.length;
    const pending = fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body('openai-chat', 'oa/slow-headers', false),
      signal: abort.signal,
    }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    abort.abort();
    await pending;
    for (let i = 0; i < 300 && records.length === before; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(records.at(-1)).toMatchObject({ aborted: true, model: 'oa/slow-headers', status: 499, selected: null });
  });

  it('records the wait for a cooling-down target', async () => {
    const first = await call('openai-chat', 'only-429');
    expect(first.res.status).toBe(429);
    const waited = await call('openai-chat', 'only-429');
    expect(waited.record.waitedMs).toBeGreaterThan(500);
    expect(waited.record.status).toBe(429);
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text a parser reads, with requests, tokens, cost and latency', async () => {
    const res = await fetch(`${gw.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await res.text()) as {
      name: string;
      type: string;
      metrics: { labels?: Record<string, string>; value?: string }[];
    }[];
    const byName = new Map(families.map((f) => [f.name, f]));
    for (const name of [
      'llm_router_requests_total',
      'llm_router_attempts_total',
      'llm_router_fallbacks_total',
      'llm_router_tokens_total',
      'llm_router_cost_usd_total',
      'gen_ai_client_token_usage',
      'gen_ai_server_request_duration_seconds',
      'gen_ai_server_time_to_first_token_seconds',
      'llm_router_inflight_requests',
    ])
      expect(byName.has(name), name).toBe(true);
    const cacheRead = byName
      .get('llm_router_tokens_total')!
      .metrics.filter((m) => m.labels?.type === 'cache_read' && m.labels?.model === 'an/cached-usage')
      .reduce((sum, m) => sum + Number(m.value), 0);
    expect(cacheRead).toBe(900 * 6);
    expect(byName.get('gen_ai_client_token_usage')!.type).toBe('HISTOGRAM');
    expect(byName.get('llm_router_inflight_requests')!.metrics[0]!.value).toBe('0');
  });
});

describe('GET /metrics access', () => {
  it('needs the master key unless metrics are public', async () => {
    const config = fakeConfig(fake.url, { masterKey: 'k-0123456789abcdef0123456789' });
    for (const [metricsPublic, status] of [
      [false, 401],
      [true, 200],
    ] as const) {
      const guarded = await startGateway(config, {}, { metricsPublic }, { metrics: createGatewayMetrics() });
      try {
        expect((await fetch(`${guarded.url}/metrics`)).status).toBe(status);
        expect((await fetch(`${guarded.url}/metrics?x=1`)).status).toBe(status);
        expect((await fetch(`${guarded.url}/v1/models`)).status).toBe(401);
      } finally {
        await guarded.close();
      }
    }
  });
});
