/**
 * Issue #12 security items against a real listening gateway: a web page cannot drive it
 * (cross-origin posts of any content type, DNS rebinding), model endpoints take JSON only,
 * preflights list what browser SDKs send, deep JSON is a 400, and in-flight memory and
 * concurrency are bounded.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig, startGateway, type RunningGateway } from '../helpers/gateway.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http so any Host and Origin can be sent, as a browser or an attacker would. */
function raw(gw: RunningGateway, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  const url = new URL(gw.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const chat = JSON.stringify({ model: 'oa/ok', messages: [{ role: 'user', content: 'hi' }] });

describe('browsers', () => {
  let gw: RunningGateway & { requests: () => number };
  beforeAll(async () => {
    gw = await startGateway(fakeConfig(fake.url, { gateway: { corsAllowedOrigins: ['https://app.example.test'] } }), {
      LLM_ROUTER_ALLOWED_HOSTS: 'gw.internal.test',
    });
  });
  afterAll(() => gw.close());

  it.each(['text/plain', 'application/json', undefined])('a cross-origin POST (content type %s) is refused with 403 before any upstream call', async (type) => {
    const before = gw.requests();
    const res = await raw(gw, 'POST', '/v1/chat/completions', { origin: 'https://evil.example', ...(type ? { 'content-type': type } : {}) }, chat);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('https://evil.example') });
    expect(gw.requests()).toBe(before);
  });

  it('an allowed origin is served, with CORS headers', async () => {
    const res = await raw(gw, 'POST', '/v1/chat/completions', { origin: 'https://app.example.test', 'content-type': 'application/json' }, chat);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.test');
  });

  it('a DNS-rebinding Host is refused on a loopback connection, for reads too', async () => {
    for (const [method, path, body] of [
      ['GET', '/v1/models', undefined],
      ['POST', '/v1/chat/completions', chat],
    ] as const) {
      const res = await raw(gw, method, path, { host: 'attacker.example:8787', 'content-type': 'application/json' }, body);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).error.message).toMatch(/DNS-rebinding/);
    }
    for (const host of ['localhost:8787', '127.0.0.1', '[::1]:8787', 'llr.localhost', 'gw.internal.test:1']) {
      expect((await raw(gw, 'GET', '/v1/models', { host })).status).toBe(200);
    }
  });

  it('model endpoints take JSON only (a Blob or form body is a 415)', async () => {
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, {}]) {
      const res = await raw(gw, 'POST', '/v1/chat/completions', headers, chat);
      expect(res.status).toBe(415);
    }
  });

  it('the preflight for an allowed origin lists the headers the browser SDKs send, and only those', async () => {
    const res = await raw(gw, 'OPTIONS', '/v1/messages', {
      origin: 'https://app.example.test',
      'access-control-request-method': 'POST',
      'access-control-request-headers':
        'content-type,x-api-key,anthropic-version,anthropic-dangerous-direct-browser-access,x-stainless-os,x-stainless-retry-count,openai-organization,x-evil',
    });
    expect(res.status).toBe(204);
    const allowed = String(res.headers['access-control-allow-headers']).split(', ');
    expect(allowed).toEqual(
      expect.arrayContaining([
        'anthropic-dangerous-direct-browser-access',
        'x-stainless-os',
        'x-stainless-retry-count',
        'openai-organization',
        'anthropic-version',
      ]),
    );
    expect(allowed).not.toContain('x-evil');
    expect((await raw(gw, 'OPTIONS', '/v1/messages', { origin: 'https://evil.example', 'access-control-request-method': 'POST' })).status).toBe(403);
  });

  it('a 100,000-deep JSON body is a 400 in the client shape, not a 500', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await raw(gw, 'POST', '/v1/messages', { 'content-type': 'application/json' }, `{"model":"oa/ok","messages":${deep}}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringMatching(/deeper than/) } });
  });
});

describe('bounded memory and concurrency', () => {
  it('bodies beyond the in-flight budget get 503 server_busy with Retry-After, and the budget frees up', async () => {
    const gw = await startGateway(fakeConfig(fake.url), { LLM_ROUTER_MAX_INFLIGHT_BODY_BYTES: '131072' });
    try {
      const big = JSON.stringify({ model: 'oa/slow-headers', messages: [{ role: 'user', content: 'x'.repeat(100_000) }] });
      const first = raw(gw, 'POST', '/v1/chat/completions', { 'content-type': 'application/json' }, big);
      await new Promise((r) => setTimeout(r, 200));
      const second = await raw(gw, 'POST', '/v1/chat/completions', { 'content-type': 'application/json' }, big);
      expect(second.status).toBe(503);
      expect(second.headers['retry-after']).toBe('1');
      expect(JSON.parse(second.body).error.code).toBe('server_busy');
      expect((await first).status).toBe(200);
      expect((await raw(gw, 'POST', '/v1/chat/completions', { 'content-type': 'application/json' }, big.replace('slow-headers', 'ok'))).status).toBe(200);
    } finally {
      await gw.close();
    }
  });

  it('requests beyond the concurrency limit get 503; /health is never limited', async () => {
    const gw = await startGateway(fakeConfig(fake.url), { LLM_ROUTER_MAX_CONCURRENT_REQUESTS: '1' });
    try {
      const slow = raw(gw, 'POST', '/v1/chat/completions', { 'content-type': 'application/json' }, chat.replace('oa/ok', 'oa/slow-headers'));
      await new Promise((r) => setTimeout(r, 200));
      expect((await raw(gw, 'POST', '/v1/chat/completions', { 'content-type': 'application/json' }, chat)).status).toBe(503);
      expect((await raw(gw, 'GET', '/health', {})).status).toBe(200);
      expect((await slow).status).toBe(200);
    } finally {
      await gw.close();
    }
  });

  it('a stream the client drops mid-way gives its slot back (the limit never fills with dead requests)', async () => {
    const gw = await startGateway(fakeConfig(fake.url), { LLM_ROUTER_MAX_CONCURRENT_REQUESTS: '2' });
    const dropMidStream = () =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(gw.url);
        const body = JSON.stringify({ model: 'oa/slow-stream', stream: true, messages: [{ role: 'user', content: 'hi' }] });
        const req = httpRequest(
          { host: url.hostname, port: url.port, method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' } },
          (res) => {
            res.once('data', () => {
              req.destroy();
              resolve(res.statusCode ?? 0);
            });
          },
        );
        req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
        req.end(body);
      });
    try {
      for (let i = 0; i < 5; i += 1) expect(await dropMidStream()).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
      const res = await raw(gw, 'POST', '/v1/chat/completions', { 'content-type': 'application/json' }, chat);
      expect(res.status, res.body).toBe(200);
    } finally {
      await gw.close();
    }
  });
});
