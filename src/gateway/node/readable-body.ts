/**
 * A pipeline stream body as a Node Readable for Fastify to pipe to the socket. Chunks are
 * pushed as the body produces them (in the tick the upstream delivered them, so Node's
 * per-tick cork sends them in one write); a full buffer pauses the body until the next read,
 * and destroying the Readable (the client went away) cancels it.
 */
import { Readable } from 'node:stream';
import type { StreamBody } from '../core/pipeline/stream-reply.js';

export function readableBody(body: StreamBody): Readable {
  let started = false;
  const readable = new Readable({
    read() {
      if (started) return body.resume();
      started = true;
      body.start({ write: (chunk) => readable.push(chunk), end: () => readable.push(null) });
    },
    destroy(err, callback) {
      body.cancel();
      callback(err);
    },
  });
  return readable;
}
