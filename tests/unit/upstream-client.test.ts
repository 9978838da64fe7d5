/**
 * The Node upstream client (undici dispatch with our own response handler), against a
 * real local server: the head and the whole body as text, chunks parsed before anyone
 * subscribed, pause and resume (nothing is handed over while paused, the end waits for
 * resume), caller abort before the head and mid-body, destroy freeing the connection,
 * both timeouts, and a provider that cannot be reached.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientGone } from '../../src/gateway/node/client-gone.js';
import { createUpstreamClient } from '../../src/upstream/client.js';
import { UpstreamNetworkError, type ChunkHandlers, type UpstreamResponse } from '../../src/upstream/types.js';
import { listenOnLoopback } from '../helpers/listen.js';

let server: Server;
let base = '';
let close: () => Promise<void>;
/** Responses the tests drive by hand, by request path. */
const open = new Map<string, ServerResponse>();
const closed = new Set<string>();
const waiters = new Map<string, (res: ServerResponse) => void>();
/** The server's side of a /manual request, once it has arrived. */
const serverSide = (path: string) => (open.has(path) ? Promise.resolve(open.get(path)!) : new Promise<ServerResponse>((r) => waiters.set(path, r)));

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    req.resume();
    res.on('close', () => closed.add(path));
    if (path === '/text') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-twice': ['a', 'b'] });
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"text":"h€llo ✓"}')]);
      // Split inside the multi-byte characters.
      res.write(bytes.subarray(0, 10));
      setTimeout(() => res.end(bytes.subarray(10)), 10);
      return;
    }
    if (path === '/at-once') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      return void res.end('data: 1\n\ndata: 2\n\ndata: 3\n\n');
    }
    // undici checks its header and body timeouts on a coarse clock (~0.5-1 s): this is slower than that.
    if (path === '/slow-headers') return void setTimeout(() => res.end('{}'), 3_000).unref();
    if (path.startsWith('/manual')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      open.set(path, res);
      waiters.get(path)?.(res);
      return;
    }
    res.writeHead(404).end();
  });
  ({ url: base, close } = await listenOnLoopback(server));
});
afterAll(async () => {
  for (const res of open.values()) res.destroy();
  await client.close();
  await close();
});

const client = createUpstreamClient();
const send = (path: string, over: Partial<Parameters<typeof client.send>[0]> = {}) =>
  client.send({
    url: `${base}${path}`,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    signal: new ClientGone(),
    headersTimeoutMs: 2_000,
    idleTimeoutMs: 2_000,
    ...over,
  });

/** Subscribes and records what the body hands over. */
function watch(res: UpstreamResponse) {
  const got: string[] = [];
  let resolveEnd!: (how: string) => void;
  const ended = new Promise<string>((r) => (resolveEnd = r));
  const handlers: ChunkHandlers = {
    data: (chunk) => void got.push(Buffer.from(chunk).toString()),
    end: () => resolveEnd('end'),
    error: (err) => resolveEnd(`error: ${err.name}: ${err.message}`),
  };
  res.body.subscribe(handlers);
  return { got, ended };
}

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe('undici upstream client', () => {
  it('gives the head (names lower-case, a repeated header joined) and the whole body as text, BOM dropped', async () => {
    const res = await send('/text');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-twice']).toBe('a, b');
    expect(await res.text()).toBe('{"text":"h€llo ✓"}');
  });

  it('keeps what is parsed before anyone subscribes and hands it over in order', async () => {
    const res = await send('/at-once');
    await tick();
    const { got, ended } = watch(res);
    expect(await ended).toBe('end');
    expect(got.join('')).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\n');
  });

  it('hands nothing over while paused, and the end only after resume', async () => {
    const res = await send('/manual-pause');
    const server = await serverSide('/manual-pause');
    const { got, ended } = watch(res);
    let done = false;
    void ended.then(() => (done = true));
    server.write('a');
    await tick();
    expect(got).toEqual(['a']);
    res.body.pause();
    server.write('b');
    await tick(60);
    expect(got).toEqual(['a']);
    res.body.resume();
    await tick();
    expect(got.join('')).toBe('ab');
    // Paused with nothing held: the end that arrives meanwhile waits too.
    res.body.pause();
    server.end();
    await tick(60);
    expect(done).toBe(false);
    res.body.resume();
    expect(await ended).toBe('end');
    expect(got.join('')).toBe('ab');
  });

  it('pauses from inside a data handler and resumes later', async () => {
    const res = await send('/manual-inside');
    const server = await serverSide('/manual-inside');
    const got: string[] = [];
    const ended = new Promise<void>((resolve) =>
      res.body.subscribe({
        data(chunk) {
          got.push(Buffer.from(chunk).toString());
          res.body.pause();
          setTimeout(() => res.body.resume(), 5);
        },
        end: () => resolve(),
        error: () => resolve(),
      }),
    );
    for (const piece of ['1', '2', '3']) {
      server.write(piece);
      await tick(15);
    }
    server.end();
    await ended;
    expect(got.join('')).toBe('123');
  });

  it('rejects at once for a signal already aborted, and when aborted before the head', async () => {
    const gone = new ClientGone();
    gone.abort();
    await expect(send('/slow-headers', { signal: gone })).rejects.toMatchObject({ name: 'AbortError' });
    const later = new ClientGone();
    const sent = send('/slow-headers', { signal: later });
    setTimeout(() => later.abort(), 30);
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('ends the body with the abort reason when the caller aborts mid-body, and closes the upstream request', async () => {
    const gone = new ClientGone();
    const res = await send('/manual-abort', { signal: gone });
    const server = await serverSide('/manual-abort');
    const { got, ended } = watch(res);
    server.write('x');
    await tick();
    gone.abort();
    expect(await ended).toMatch(/^error: AbortError/);
    expect(got).toEqual(['x']);
    await tick(60);
    expect(closed.has('/manual-abort')).toBe(true);
  });

  it('calls no handler after destroy, closes the upstream request, and the pool still serves', async () => {
    const res = await send('/manual-destroy');
    const server = await serverSide('/manual-destroy');
    const { got, ended } = watch(res);
    server.write('x');
    await tick();
    res.body.destroy();
    server.write('y');
    let done = false;
    void ended.then(() => (done = true));
    await tick(60);
    expect(got).toEqual(['x']);
    expect(done).toBe(false);
    expect(closed.has('/manual-destroy')).toBe(true);
    expect(await (await send('/text')).text()).toContain('llo');
  });

  it('reports a head that does not come in time as a timeout, and an idle body as BodyTimeoutError', async () => {
    const err = await send('/slow-headers', { headersTimeoutMs: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamNetworkError);
    expect((err as UpstreamNetworkError).timeout).toBe(true);
    const res = await send('/manual-idle', { idleTimeoutMs: 150 });
    const server = await serverSide('/manual-idle');
    const { ended } = watch(res);
    server.write('x');
    expect(await ended).toMatch(/^error: BodyTimeoutError/);
  });

  it('reports a provider that cannot be reached as a network error, not a timeout', async () => {
    const dead = createServer();
    const { url, close: closeDead } = await listenOnLoopback(dead);
    await closeDead();
    const err = await client
      .send({ url: `${url}/v1/x`, headers: {}, body: '{}', signal: new ClientGone(), headersTimeoutMs: 2_000, idleTimeoutMs: 2_000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamNetworkError);
    expect((err as UpstreamNetworkError).timeout).toBe(false);
    expect((err as Error).message).toMatch(/cannot reach upstream/);
  });
});
