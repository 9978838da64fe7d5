/**
 * The Node adapter's light abort signal: listeners run once on the first abort, removed
 * ones never, a later abort changes nothing, and undici accepts it as a request signal
 * (an aborted one stops the request with its reason).
 */
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientGone } from '../../src/gateway/node/client-gone.js';
import { createUpstreamClient } from '../../src/upstream/client.js';

describe('ClientGone', () => {
  it('runs each listener once on the first abort, and not removed ones', () => {
    const gone = new ClientGone();
    const calls: string[] = [];
    const a = () => calls.push('a');
    const b = () => calls.push('b');
    gone.addEventListener('abort', a);
    gone.addEventListener('abort', b);
    gone.removeEventListener('abort', b);
    expect(gone.aborted).toBe(false);
    gone.abort();
    gone.abort();
    expect(calls).toEqual(['a']);
    expect(gone.aborted).toBe(true);
    expect((gone.reason as Error).name).toBe('AbortError');
  });

  it('aborts an upstream request in flight through undici', async () => {
    const server = createServer(() => {}); // never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const client = createUpstreamClient();
    const gone = new ClientGone();
    const sent = client.send({ url: `http://127.0.0.1:${port}/v1/x`, headers: {}, body: '{}', signal: gone, headersTimeoutMs: 10_000, idleTimeoutMs: 10_000 });
    setTimeout(() => gone.abort(), 50);
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    await client.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
});
