/**
 * A pipeline stream body written straight to the Node response (Fastify has handed the
 * reply over): no Readable in between. Chunks are written in the tick the upstream
 * delivered them, so Node's per-tick cork sends what one tick brings in one write; a full
 * socket buffer pauses the body until 'drain'. The returned cancel is for the request's
 * 'close' listener when the client goes away mid-stream.
 */
import type { ServerResponse } from 'node:http';
import type { StreamBody } from '../core/pipeline/stream-reply.js';

export function streamToResponse(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[] | number | undefined>,
  body: StreamBody,
): () => void {
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
  res.statusCode = status;
  res.on('drain', () => body.resume());
  body.start({
    // A response already gone takes nothing more; 'close' cancels the body.
    write: (chunk) => (res.destroyed ? true : res.write(chunk)),
    end: () => void res.end(),
  });
  return () => body.cancel();
}
