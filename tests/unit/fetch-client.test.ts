/**
 * The Fetch API upstream client (the Worker's), against a real local server: a header
 * timeout, an idle timeout between chunks that never cuts a healthy stream, caller abort,
 * and detach() handing over the rest of a body for a native pipe after the peek read the
 * first chunk; and the stream reply's native path replaying what the peek read.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStream } from '../../src/gateway/core/pipeline/stream-reply.js';
import { createFetchClient } from '../../src/upstream/fetch-client.js';
import { UpstreamNetworkError } from '../../src/upstream/types.js';
import { listenOnLoopback } from '../helpers/listen.js';

const chunk = (content: string) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

let server: Server;
let base = '';
let close: () => Promise<void>;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow-headers') return void setTimeout(() => res.end('{}'), 400);
    if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('a'));
      return; // never ends
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'x-test': 'yes' });
    let n = 0;
    const tick = setInterval(() => {
      n += 1;
      res.write(chunk(`t${n}`));
      if (n === 5) {
        clearInterval(tick);
        res.end('data: [DONE]\n\n');
      }
    }, 40);
  });
  ({ url: base, close } = await listenOnLoopback(server));
});
afterAll(() => close());

const { send } = createFetchClient();
const request = (path: string, over: Partial<Parameters<typeof send>[0]> = {}) =>
  send({
    url: `${base}${path}`,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    signal: new AbortController().signal,
    headersTimeoutMs: 2_000,
    idleTimeoutMs: 2_000,
    ...over,
  });

describe('fetch upstream client', () => {
  it('times out waiting for headers as a timeout', async () => {
    const err = await request('/slow-headers', { headersTimeoutMs: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamNetworkError);
    expect((err as UpstreamNetworkError).timeout).toBe(true);
  });

  it('reads a stream slower than its idle timeout per chunk, never cut while chunks flow', async () => {
    const res = await request('/stream', { idleTimeoutMs: 150 });
    expect(res.headers['x-test']).toBe('yes');
    const text = await res.text();
    expect(text).toContain('t5');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('ends a stalled stream with a timeout error after the idle time', async () => {
    const res = await request('/stall', { idleTimeoutMs: 150 });
    await expect(res.text()).rejects.toMatchObject({ timeout: true });
  });

  it('aborts with the caller', async () => {
    const abort = new AbortController();
    const pending = request('/slow-headers', { signal: abort.signal });
    abort.abort(new Error('client went away'));
    const err = await pending.catch((e: unknown) => e);
    // The caller's own reason, not a network failure to route around.
    expect(err).not.toBeInstanceOf(UpstreamNetworkError);
  });

  it('passthrough on the native path: the peeked chunks, then the rest of the body as a stream', async () => {
    const res = await request('/stream');
    const opened = await openStream(res, { upstream: 'openai-chat', client: 'openai-chat', passthrough: true, includeUsage: false, now: () => 1 });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const native = await opened.body.native!();
    expect(native).toBeDefined();
    const decoder = new TextDecoder();
    let text = native!.replay.map((c) => decoder.decode(c)).join('');
    expect(text).toContain('t1');
    for await (const c of native!.rest!) text += decoder.decode(c);
    for (let i = 1; i <= 5; i += 1) expect(text.split(`"t${i}"`)).toHaveLength(2);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('keeps the JavaScript path when usage is tapped', async () => {
    const res = await request('/stream');
    const opened = await openStream(res, {
      upstream: 'openai-chat',
      client: 'openai-chat',
      passthrough: true,
      includeUsage: false,
      now: () => 1,
      onUsage: () => {},
    });
    expect(opened.ok && opened.body.native).toBeFalsy();
    if (opened.ok) opened.body.cancel();
  });
});
