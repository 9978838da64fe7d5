/**
 * Issue #12 item 7, the HTTP surface: random methods, paths, headers and bodies against the
 * gateway (in front of the fake provider) always get a 4xx or a routed answer (2xx, or a
 * 502/503/504 that names a provider) in the client's error shape — never a 500.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/gateway/node/create-app.js';
import { runtimeOptionsFromEnv } from '../../src/gateway/core/runtime-options.js';
import { createUpstreamClient } from '../../src/upstream/client.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig } from '../helpers/gateway.js';
import { FUZZ, LONG } from './fuzz-settings.js';

let fake: FakeProvider;
let app: ReturnType<typeof createApp>;
const upstream = createUpstreamClient();
beforeAll(async () => {
  fake = await startFakeProvider();
  const env = { LLM_ROUTER_ORIGIN_RETRY_ATTEMPTS: '1', LLM_ROUTER_UPSTREAM_TIMEOUT_MS: '2000' };
  app = createApp({ getConfig: () => fakeConfig(fake.url), env, options: runtimeOptionsFromEnv(env), send: upstream.send, version: 'fuzz' });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await upstream.close();
  await fake.close();
});

const PATHS = [
  '/v1/messages',
  '/anthropic/v1/messages',
  '/v1/chat/completions',
  '/openai/v1/responses',
  '/v1/responses',
  '/v1/messages/count_tokens',
  '/route',
  '/',
  '/v1',
  '/v1/models',
  '/health',
  '/nope',
  '/v1/messages?x=%ff',
  '//v1//messages',
];
const MODELS = ['oa/ok', 'an/ok', 'oa/tools', 'an/tools', 'oa/fail-500', 'an/fail-429', 'after-429', 'smart', 'nope/x', '', 'oa/stream-error-first'];
const json = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc
    .record(
      {
        model: fc.constantFrom(...MODELS),
        stream: fc.boolean(),
        messages: fc.jsonValue({ maxDepth: 3 }),
        input: fc.jsonValue({ maxDepth: 3 }),
        max_tokens: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: ['model'] },
    )
    .map((v) => JSON.stringify(v)),
  fc
    .record({ model: fc.constantFrom(...MODELS), stream: fc.boolean(), max_tokens: fc.constant(10), messages: fc.constant([{ role: 'user', content: 'hi' }]) })
    .map((v) => JSON.stringify(v)),
  fc.record({ model: fc.constantFrom(...MODELS), stream: fc.boolean(), input: fc.constant('hi') }).map((v) => JSON.stringify(v)),
  fc.string(),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')),
);
/** Mostly what real clients send, sometimes what attackers and broken clients send. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: arb });
const headers = fc.record({
  'content-type': fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/vnd.api+json', 'multipart/form-data', '') },
  ),
  'anthropic-version': rarely(fc.constantFrom('2023-06-01', 'garbage')),
  authorization: rarely(fc.constantFrom('Bearer x', 'Basic Zm9v')),
  origin: rarely(fc.constantFrom('https://evil.example', 'null')),
  'x-api-key': rarely(fc.string({ maxLength: 10 }).filter((s) => /^[\x21-\x7e]+$/.test(s))),
});

describe('HTTP surface', () => {
  it(
    'any request gets a 4xx or a routed answer, never a 500',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 5, arbitrary: fc.constant('POST') },
            { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH') },
          ),
          fc.constantFrom(...PATHS),
          headers,
          json,
          async (method, url, hdrs, payload) => {
            const sent = Object.fromEntries(Object.entries(hdrs).filter(([, v]) => v !== ''));
            const res = await app.inject(method === 'GET' || method === 'HEAD' ? { method, url, headers: sent } : { method, url, headers: sent, payload });
            expect(res.statusCode, `${method} ${url} ${JSON.stringify(hdrs)} ${String(payload).slice(0, 200)} -> ${res.body.slice(0, 300)}`).not.toBe(500);
            expect(res.statusCode).toBeLessThan(600);
          },
        ),
        { ...FUZZ, numRuns: Math.max(50, Math.round(FUZZ.numRuns / 2)) },
      );
    },
    LONG ? 3_600_000 : 30_000,
  );
});
