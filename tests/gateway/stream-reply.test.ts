/**
 * The streamed reply against a scripted upstream body: what one tick brings leaves in one
 * write and never later than that tick, the client's backpressure pauses the upstream,
 * bytes pass through untouched and in order, errors before output fail the candidate,
 * errors after it end the stream in-stream, and a cancel stops the upstream.
 */
import { describe, expect, it } from 'vitest';
import { openStream, type StreamSink } from '../../src/gateway/core/pipeline/stream-reply.js';
import type { ChunkHandlers, UpstreamBody, UpstreamResponse } from '../../src/upstream/types.js';

const enc = new TextEncoder();
const chat = (content: string) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const finish = `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`;
const usageChunk = `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 } })}\n\n`;

class ScriptedBody implements UpstreamBody {
  handlers?: ChunkHandlers;
  paused = false;
  destroyed = false;
  pauses = 0;
  subscribe(h: ChunkHandlers) {
    this.handlers = h;
  }
  pause() {
    this.paused = true;
    this.pauses += 1;
  }
  resume() {
    this.paused = false;
  }
  destroy() {
    this.destroyed = true;
  }
  push(text: string) {
    this.handlers!.data(enc.encode(text));
  }
}

function recordingSink(accept: () => boolean = () => true): StreamSink & { writes: string[]; ended: boolean } {
  const dec = new TextDecoder();
  const sink = {
    writes: [] as string[],
    ended: false,
    write(chunk: string | Uint8Array) {
      sink.writes.push(typeof chunk === 'string' ? chunk : dec.decode(chunk));
      return accept();
    },
    end() {
      sink.ended = true;
    },
  };
  return sink;
}

const spec = (passthrough: boolean, extra = {}) => ({
  upstream: 'openai-chat' as const,
  client: passthrough ? ('openai-chat' as const) : ('anthropic-messages' as const),
  passthrough,
  includeUsage: true,
  now: () => 1,
  ...extra,
});
const response = (body: UpstreamBody): UpstreamResponse => ({ status: 200, headers: {}, body, text: async () => '' });
const tick = () => new Promise((r) => setImmediate(r));

async function opened(body: ScriptedBody, passthrough: boolean, extra = {}) {
  const pending = openStream(response(body), spec(passthrough, extra));
  body.push(chat('Hel'));
  const result = await pending;
  if (!result.ok) throw new Error(result.error.message);
  return result.body;
}

describe('streamed replies', () => {
  it('passes bytes through untouched; what arrives in one tick leaves as one write within that tick', async () => {
    const body = new ScriptedBody();
    const usage: unknown[] = [];
    const stream = await opened(body, true, { onUsage: (u: unknown) => usage.push(u) });
    expect(body.paused).toBe(true); // held until the adapter starts sending
    const sink = recordingSink();
    stream.start(sink);
    expect(body.paused).toBe(false);
    expect(sink.writes).toEqual([chat('Hel')]);
    body.push(chat('lo'));
    body.push(chat(' there'));
    await Promise.resolve();
    expect(sink.writes).toEqual([chat('Hel'), chat('lo') + chat(' there')]);
    body.push(chat('!'));
    await tick();
    expect(sink.writes.at(-1)).toBe(chat('!'));
    body.push(usageChunk);
    body.push('data: [DONE]\n\n');
    body.handlers!.end();
    expect(sink.ended).toBe(true);
    expect(sink.writes.join('')).toBe(chat('Hel') + chat('lo') + chat(' there') + chat('!') + usageChunk + 'data: [DONE]\n\n');
    expect(usage).toContainEqual(expect.objectContaining({ inputTokens: 3, outputTokens: 5 }));
  });

  it('a full client buffer pauses the upstream until the client reads again', async () => {
    const body = new ScriptedBody();
    const stream = await opened(body, false);
    let accept = true;
    const sink = recordingSink(() => accept);
    stream.start(sink);
    accept = false;
    body.push(chat('a'));
    await Promise.resolve();
    expect(body.paused).toBe(true);
    accept = true;
    stream.resume();
    expect(body.paused).toBe(false);
    body.push(chat('b'));
    body.push(finish);
    body.handlers!.end();
    const text = sink.writes.join('');
    expect(text.indexOf('"Hel"')).toBeLessThan(text.indexOf('"a"'));
    expect(text.indexOf('"a"')).toBeLessThan(text.indexOf('"b"'));
    expect(text).toContain('event: message_stop');
    expect(sink.ended).toBe(true);
  });

  it('an upstream failure after output is reported in-stream, in the client format, and the stream ends', async () => {
    const body = new ScriptedBody();
    const errors: string[] = [];
    const stream = await opened(body, false, { onStreamError: (m: string) => errors.push(m) });
    const sink = recordingSink();
    stream.start(sink);
    body.push(chat('lo'));
    body.handlers!.error(Object.assign(new Error('socket reset'), { name: 'SocketError' }));
    const text = sink.writes.join('');
    expect(text).toContain('"lo"');
    expect(text).toMatch(/event: error\ndata: .*upstream stream failed: socket reset/);
    expect(sink.ended).toBe(true);
    expect(body.destroyed).toBe(true);
    expect(errors[0]).toContain('socket reset');
  });

  it('an error event before any output fails the candidate (nothing is sent)', async () => {
    const body = new ScriptedBody();
    const pending = openStream(response(body), spec(true));
    body.push(`data: ${JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } })}\n\n`);
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(body.destroyed).toBe(true);
  });

  it('an upstream that ends while the reply is held still sends everything it had', async () => {
    const body = new ScriptedBody();
    const stream = await opened(body, true);
    body.push('data: [DONE]\n\n');
    body.handlers!.end();
    const sink = recordingSink();
    stream.start(sink);
    expect(sink.writes.join('')).toBe(chat('Hel') + 'data: [DONE]\n\n');
    expect(sink.ended).toBe(true);
  });

  it('cancel stops reading the upstream and writes nothing more', async () => {
    const body = new ScriptedBody();
    const stream = await opened(body, true);
    const sink = recordingSink();
    stream.start(sink);
    stream.cancel();
    expect(body.destroyed).toBe(true);
    body.push(chat('late'));
    await tick();
    expect(sink.writes).toEqual([chat('Hel')]);
  });
});
