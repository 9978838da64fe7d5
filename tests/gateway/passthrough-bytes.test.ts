/**
 * A passthrough forwards the client's own bytes (request-body.ts): key order, spacing,
 * escapes and number spellings reach the provider as sent, with only `model` (and, for an
 * OpenAI Chat stream, `include_usage`) changed. Bodies the byte check refuses get their 400
 * here and never reach the provider.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RequestRecord } from '../../src/gateway/core/observe/request-record.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig, startGateway, type RunningGateway } from '../helpers/gateway.js';

const records: RequestRecord[] = [];
let fake: FakeProvider;
let gw: RunningGateway;
beforeAll(async () => {
  fake = await startFakeProvider();
  // With a request log, as the daemon runs: an OpenAI Chat stream is then asked for its usage.
  gw = await startGateway(fakeConfig(fake.url), {}, {}, { onRecord: (r) => records.push(r) });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
});

const send = (path: string, body: string | Uint8Array) =>
  fetch(`${gw.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body });

/** The one upstream request the call made, or undefined. */
async function upstreamOf(call: () => Promise<Response>) {
  const before = fake.requests.length;
  const res = await call();
  const text = await res.text();
  return { status: res.status, text, sent: fake.requests.slice(before) };
}

// Spacing, key order, escapes, non-ASCII text and number spellings JSON.stringify would change.
const chat = (model: string, extra = '') =>
  `{ "messages" : [ {"role":"user","content":"h\\u00e9llo \\"q\\" \\/ ✓ naïve"} ],\n  "model":${JSON.stringify(model)}, "temperature":1.0, "top_p":1e0, "max_tokens":5${extra} }`;

describe('passthrough keeps the client bytes', () => {
  it('OpenAI Chat: only the model changes', async () => {
    const { status, sent } = await upstreamOf(() => send('/v1/chat/completions', chat('oa/ok')));
    expect(status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.raw).toBe(chat('ok'));
  });

  it('Anthropic Messages: only the model changes, also when it is the last key', async () => {
    const body = `{"max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"tab\\there ✓"}]}],"metadata":{"user_id":"u1"},"model":"an/ok"}`;
    const { status, sent } = await upstreamOf(() => send('/v1/messages', body));
    expect(status).toBe(200);
    expect(sent[0]!.raw).toBe(body.replace('"an/ok"', '"ok"'));
  });

  it('a leading byte-order mark is not forwarded', async () => {
    const { status, sent } = await upstreamOf(() => send('/v1/chat/completions', `\ufeff${chat('oa/ok')}`));
    expect(status).toBe(200);
    expect(sent[0]!.raw).toBe(chat('ok'));
  });

  it('an OpenAI Chat stream that did not ask for usage gets include_usage asked for, the rest as sent', async () => {
    const { status, text, sent } = await upstreamOf(() => send('/v1/chat/completions', chat('oa/ok', ', "stream":true')));
    expect(status).toBe(200);
    expect(text).toContain('data: [DONE]');
    expect(text).not.toContain('"usage":{'); // the usage-only chunk the gateway asked for is taken out again
    expect(sent[0]!.raw).toBe(`{"stream_options":{"include_usage":true},${chat('ok', ', "stream":true').slice(1)}`);
    await vi.waitFor(() => expect(records.at(-1)?.tokens?.input).toBeGreaterThan(0));
  });

  it('stream_options the client sent keep their other keys', async () => {
    const extra = ', "stream":true, "stream_options" : {"x_vendor":1}';
    const { sent } = await upstreamOf(() => send('/v1/chat/completions', chat('oa/ok', extra)));
    expect(sent[0]!.raw).toBe(chat('ok', ', "stream":true, "stream_options" : {"x_vendor":1,"include_usage":true}'));
  });

  it('a body giving model twice is routed and forwarded by the last one, as JSON.parse reads it', async () => {
    const body = `{"model":"an/ok","messages":[{"role":"user","content":"hi"}],"model":"oa/ok"}`;
    const { status, sent } = await upstreamOf(() => send('/v1/chat/completions', body));
    expect(status).toBe(200);
    expect(sent.map((r) => r.path)).toEqual(['/v1/chat/completions']);
    expect(sent[0]!.raw.match(/"model"/g)).toHaveLength(1);
    expect(sent[0]!.body.model).toBe('ok');
  });

  it('bodies the check refuses get a 400 naming the problem and reach no provider', async () => {
    const bad: [string, string | Uint8Array][] = [
      ['a raw control character in a string', `{"model":"oa/ok","messages":[{"role":"user","content":"a\u0001b"}]}`],
      ['a bad escape', `{"model":"oa/ok","messages":[{"role":"user","content":"a\\xb"}]}`],
      ['a leading zero', `{"model":"oa/ok","max_tokens":05,"messages":[]}`],
      ['a trailing comma', `{"model":"oa/ok","messages":[],}`],
      ['bytes after the object', `{"model":"oa/ok","messages":[]} x`],
    ];
    for (const [what, body] of bad) {
      const { status, text, sent } = await upstreamOf(() => send('/v1/chat/completions', body));
      expect([what, status, sent.length]).toEqual([what, 400, 0]);
      expect([what, JSON.parse(text).error.message]).toEqual([what, expect.stringMatching(/JSON/)]);
    }
  });
});
