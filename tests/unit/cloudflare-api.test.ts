/** The Cloudflare API client against the fake API on loopback: results, and failures classified in words. */
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkToken, CloudflareApiError, createCloudflareClient } from '../../src/deploy/cloudflare-api.js';
import { checkHealth } from '../../src/deploy/health.js';
import { startFakeCloudflare, type FakeCloudflare } from '../helpers/fake-cloudflare.js';
import { listenOnLoopback } from '../helpers/listen.js';

let cf: FakeCloudflare;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  cf = await startFakeCloudflare({ subdomain: 'acme' });
  env = { CLOUDFLARE_API_BASE_URL: cf.apiBase };
});
afterAll(() => cf.close());

describe('Cloudflare API client', () => {
  it('verifies the token, lists accounts, zones and the workers.dev subdomain, with the token as Bearer', async () => {
    cf.reset();
    const client = createCloudflareClient({ token: cf.token, env });
    expect(await client.verifyToken()).toEqual({ status: 'active' });
    expect(await client.listAccounts()).toEqual([{ id: 'acc0000000000000000000000000001', name: 'Test Account' }]);
    expect(await client.listZones('acc0000000000000000000000000001', 'example.com')).toEqual([
      { id: 'zone000000000000000000000000001', name: 'example.com', accountId: 'acc0000000000000000000000000001' },
    ]);
    expect(await client.workersSubdomain('acc0000000000000000000000000001')).toBe('acme');
    expect(cf.requests.every((r) => r.authorization === `Bearer ${cf.token}`)).toBe(true);
    expect(cf.calls(/^\/zones$/)[0]?.query).toMatchObject({ name: 'example.com', 'account.id': 'acc0000000000000000000000000001' });
  });

  it('checkToken: ok with accounts, or a problem and its kind (never the token text)', async () => {
    cf.reset();
    expect(await checkToken(cf.token, env)).toMatchObject({ ok: true, status: 'active', accounts: [{ name: 'Test Account' }] });
    const bad = await checkToken('not-the-token', env);
    expect(bad).toMatchObject({ ok: false, problemKind: 'bad-token' });
    expect(bad.problem).toMatch(/rejected the API token \(HTTP 401: Invalid API Token \[code 1000\]\)/);
    expect(bad.problem).not.toContain('not-the-token');
    cf.faults.badToken = 'forbidden';
    expect(await checkToken(cf.token, env)).toMatchObject({ ok: false, problemKind: 'forbidden' });
    cf.reset();
    cf.faults.noAccounts = true;
    expect(await checkToken(cf.token, env)).toMatchObject({ ok: false, problemKind: 'no-account' });
    expect(await checkToken('  ', env)).toMatchObject({ ok: false, problemKind: 'no-token' });
  });

  it('network failures and timeouts are their own kinds', async () => {
    const down = await checkToken('t', { CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:9/client/v4' });
    expect(down).toMatchObject({ ok: false, problemKind: 'network' });
    expect(down.problem).toMatch(/cannot reach the Cloudflare API \(127\.0\.0\.1:9\)/);
    const silent = createServer(() => undefined);
    const { url, close } = await listenOnLoopback(silent);
    try {
      const client = createCloudflareClient({ token: 't', env: { CLOUDFLARE_API_BASE_URL: url }, timeoutMs: 200 });
      const err = await client.verifyToken().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CloudflareApiError);
      expect((err as CloudflareApiError).problem).toBe('timeout');
    } finally {
      await close();
    }
  });
});

describe('checkHealth', () => {
  it('ok when /health answers 2xx; a warning detail when not reachable', async () => {
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? 200 : 404).end('{}');
    });
    const { url, close } = await listenOnLoopback(server);
    try {
      expect(await checkHealth(url)).toEqual({ ok: true, detail: `${url}/health answered 200` });
    } finally {
      await close();
    }
    const down = await checkHealth('http://127.0.0.1:9');
    expect(down.ok).toBe(false);
    expect(down.detail).toMatch(/not reachable/);
  });
});
