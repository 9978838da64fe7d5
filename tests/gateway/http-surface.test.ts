/** app.inject(): auth, request errors in each client's own shape, model lists, guards, count_tokens. */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { emptyConfig } from '../../src/config/schema.js';
import { createApp } from '../../src/gateway/node/create-app.js';
import { runtimeOptionsFromEnv, type RuntimeOptions } from '../../src/gateway/core/runtime-options.js';
import { fakeConfig } from '../helpers/gateway.js';

const noUpstream = async () => {
  throw new Error('upstream must not be called');
};

function app(config: Config, env: NodeJS.ProcessEnv = {}, overrides: Partial<RuntimeOptions> = {}) {
  return createApp({
    getConfig: () => config,
    env,
    options: runtimeOptionsFromEnv(env, overrides),
    send: noUpstream,
    version: '9.9.9',
    now: () => 1_763_900_000,
  });
}

const KEY = 'gw_test-master-key-0123456789abcdefghij';
const secured = () => app({ ...fakeConfig('http://127.0.0.1:9'), masterKey: KEY });
const messages = { model: 'an/fail-400', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] };

describe('auth', () => {
  it('refuses a missing or wrong key in the client format, accepts Bearer, bare and x-api-key', async () => {
    const gw = secured();
    const missing = await gw.inject({ method: 'POST', url: '/v1/messages', payload: messages });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message: expect.stringContaining('master key') } });
    const wrong = await gw.inject({ method: 'POST', url: '/v1/chat/completions', payload: {}, headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    for (const headers of [{ authorization: `Bearer ${KEY}` }, { authorization: KEY }, { 'x-api-key': KEY }]) {
      expect((await gw.inject({ method: 'GET', url: '/v1/models', headers })).statusCode).toBe(200);
    }
    expect((await gw.inject({ method: 'GET', url: '/v1/models' })).statusCode).toBe(401);
  });

  it('leaves /health open and can be switched off with requireAuth=false', async () => {
    expect((await secured().inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok', version: '9.9.9' });
    const open = app({ ...fakeConfig('http://127.0.0.1:9'), masterKey: KEY }, {}, { requireAuth: false });
    expect((await open.inject({ method: 'GET', url: '/v1/models' })).statusCode).toBe(200);
  });
});

describe("request errors come back in the client's shape", () => {
  const gw = app(fakeConfig('http://127.0.0.1:9'), { LLM_ROUTER_MAX_REQUEST_BODY_BYTES: '4096' });
  it.each([
    ['/v1/messages', 'anthropic'],
    ['/v1/chat/completions', 'openai'],
    ['/v1/responses', 'openai'],
  ])('%s: 415, 400, 413', async (url, shape) => {
    const check = (res: { statusCode: number; json(): any }, status: number, text: RegExp) => {
      expect(res.statusCode).toBe(status);
      const body = res.json();
      if (shape === 'anthropic') expect(body).toEqual({ type: 'error', error: { type: expect.any(String), message: expect.stringMatching(text) } });
      else expect(body.error).toMatchObject({ message: expect.stringMatching(text), type: expect.any(String) });
    };
    check(await gw.inject({ method: 'POST', url, payload: 'hi', headers: { 'content-type': 'text/plain' } }), 415, /unsupported content type "text\/plain"/);
    check(await gw.inject({ method: 'POST', url, payload: '{"model":', headers: { 'content-type': 'application/json' } }), 400, /not valid JSON/);
    check(
      await gw.inject({ method: 'POST', url, payload: JSON.stringify({ pad: 'x'.repeat(5000) }), headers: { 'content-type': 'application/json' } }),
      413,
      /larger than 4096 bytes/,
    );
  });

  it('an unknown model is a 404 naming it; an unknown path is a 404 too', async () => {
    const res = await gw.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'gpt-9', messages: [] } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'model_not_found', message: expect.stringContaining('model "gpt-9" is not configured') });
    expect((await gw.inject({ method: 'GET', url: '/nope' })).statusCode).toBe(404);
  });

  it('with no providers yet, model requests get a 503 saying how to add one', async () => {
    const res = await app(emptyConfig()).inject({ method: 'POST', url: '/v1/messages', payload: messages });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toContain('llm-router config --operation=upsert-provider');
  });

  it('previous_response_id gets a clear 400', async () => {
    const res = await gw.inject({ method: 'POST', url: '/v1/responses', payload: { model: 'an/ok', input: 'hi', previous_response_id: 'resp_1' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ param: 'previous_response_id', message: expect.stringContaining('stored responses') });
  });
});

describe('model lists and info', () => {
  const gw = app(fakeConfig('http://127.0.0.1:9'));
  it('lists every enabled provider/model and every alias, created in seconds', async () => {
    const body = (await gw.inject({ method: 'GET', url: '/openai/v1/models' })).json();
    const ids = body.data.map((m: { id: string }) => m.id);
    expect(ids).toContain('oa/ok');
    expect(ids).toContain('an/tools');
    expect(ids).toContain('after-429');
    expect(body.data[0]).toEqual({ id: 'oa/ok', object: 'model', created: 1_763_900_000, owned_by: 'oa' });
    const anthropic = (await gw.inject({ method: 'GET', url: '/anthropic/v1/models' })).json();
    expect(anthropic).toMatchObject({ has_more: false, first_id: 'oa/ok' });
    expect(anthropic.data[0]).toMatchObject({ type: 'model', id: 'oa/ok' });
  });

  it('counts tokens locally for any model', async () => {
    const res = await gw.inject({
      method: 'POST',
      url: '/v1/messages/count_tokens',
      payload: { model: 'oa/ok', messages: [{ role: 'user', content: 'hello world' }] },
    });
    expect(res.json()).toEqual({ input_tokens: 6 });
  });
});

describe('network guards', () => {
  it('CORS: allowed origins get the header and a preflight; others get a 403 preflight', async () => {
    const gw = app(fakeConfig('http://127.0.0.1:9'), { LLM_ROUTER_CORS_ALLOWED_ORIGINS: 'http://localhost:3000' });
    const ok = await gw.inject({ method: 'OPTIONS', url: '/v1/messages', headers: { origin: 'http://localhost:3000' } });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(ok.headers['access-control-allow-headers']).toContain('x-api-key');
    expect((await gw.inject({ method: 'OPTIONS', url: '/v1/messages', headers: { origin: 'http://evil.test' } })).statusCode).toBe(403);
    const get = await gw.inject({ method: 'GET', url: '/health', headers: { origin: 'http://evil.test' } });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('IP allowlist refuses other addresses with a 403', async () => {
    const gw = app(fakeConfig('http://127.0.0.1:9'), { LLM_ROUTER_ALLOWED_IPS: '10.1.2.3' });
    const res = await gw.inject({ method: 'GET', url: '/v1/models', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(403);
    expect((await gw.inject({ method: 'GET', url: '/v1/models', remoteAddress: '::ffff:10.1.2.3' })).statusCode).toBe(200);
  });
});

describe('config-driven guards and debug headers', () => {
  it('takes CORS origins and allowed IPs from the config gateway section too', async () => {
    const gw = app({ ...fakeConfig('http://127.0.0.1:9'), gateway: { corsAllowedOrigins: ['http://tool.local'], allowedIps: ['127.0.0.1'] } });
    const preflight = await gw.inject({ method: 'OPTIONS', url: '/v1/chat/completions', headers: { origin: 'http://tool.local' } });
    expect(preflight.headers['access-control-allow-origin']).toBe('http://tool.local');
    expect((await gw.inject({ method: 'GET', url: '/v1/models', remoteAddress: '10.9.9.9' })).statusCode).toBe(403);
    expect((await gw.inject({ method: 'GET', url: '/v1/models', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
  });

  it('names disabled targets in x-llm-router-skipped-candidates', async () => {
    const config = fakeConfig('http://127.0.0.1:9');
    config.providers[0]!.models.find((m) => m.id === 'ok')!.enabled = false;
    config.modelAliases!.mixed = { targets: [{ ref: 'oa/ok' }, { ref: 'an/fail-400' }] };
    const send = async () => ({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: null as never,
      text: async () => '{"type":"error","error":{"type":"invalid_request_error","message":"no"}}',
    });
    const gw = createApp({ getConfig: () => config, env: {}, options: runtimeOptionsFromEnv({ LLM_ROUTER_DEBUG_ROUTING: '1' }), send, version: 't' });
    const res = await gw.inject({
      method: 'POST',
      url: '/v1/messages',
      payload: { model: 'mixed', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(res.headers['x-llm-router-skipped-candidates']).toBe('oa/ok:disabled');
    expect(res.headers['x-llm-router-attempts']).toBe('an/fail-400:400');
  });
});
