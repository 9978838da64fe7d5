/**
 * A client that stops reading a stream holds the provider back through the gateway (real
 * sockets both sides): the gateway buffers a bounded amount, never the whole stream; when
 * the client reads again every byte arrives, in order, and the request is logged with its
 * usage. Passthrough (the bytes tapped for usage) and translated streams alike.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import type { RequestRecord } from '../../src/gateway/core/observe/request-record.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { startGateway, type RunningGateway } from '../helpers/gateway.js';

const DELTAS = 4096;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let fake: FakeProvider;
let gw: RunningGateway;
const records: RequestRecord[] = [];
beforeAll(async () => {
  fake = await startFakeProvider();
  const config: Config = {
    version: 2,
    providers: [
      { id: 'oa', baseUrl: `${fake.url}/v1`, apiKey: 'sk-up', format: 'openai', formats: ['openai'], models: [{ id: 'big-stream' }], rateLimits: [] },
    ],
    modelAliases: {},
  };
  gw = await startGateway(config, {}, {}, { onRecord: (r) => records.push(r) });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
});

function open(path: string, body: object): Promise<IncomingMessage> {
  const url = new URL(gw.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method: 'POST', path, headers: { 'content-type': 'application/json' } }, resolve);
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('a client that stops reading', () => {
  it.each([
    ['passthrough', '/v1/chat/completions', { model: 'oa/big-stream', stream: true, messages: [{ role: 'user', content: 'hi' }] }],
    ['translated', '/v1/messages', { model: 'oa/big-stream', stream: true, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }],
  ])('holds the provider back, then gets every byte (%s)', async (_kind, path, body) => {
    const before = fake.requests.length;
    const res = await open(path, body);
    expect(res.statusCode).toBe(200);
    res.pause();
    await sleep(600);
    const upstream = fake.requests[before]!;
    // 4096 deltas of 16,000 characters is 65 MB; socket buffers on both hops hold a few MB.
    expect(upstream.written).toBeGreaterThan(0);
    expect(upstream.written).toBeLessThan(DELTAS / 2);
    const stalled = upstream.written!;
    await sleep(200);
    expect(upstream.written).toBe(stalled);
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (text += c));
    res.resume();
    await new Promise((r) => res.once('end', r));
    expect(upstream.written).toBe(DELTAS);
    expect(text.match(/"x{16000}"/g)?.length).toBe(DELTAS);
    expect(text).not.toContain('"choices":[]'); // the usage-only chunk the gateway asked for is not passed on
    for (let i = 0; i < 50 && records.length === 0; i += 1) await sleep(20);
    expect(records.at(-1)).toMatchObject({ status: 200, aborted: false, tokens: { input: expect.any(Number), output: expect.any(Number) } });
    records.length = 0;
  });
});
