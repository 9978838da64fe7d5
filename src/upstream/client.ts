/**
 * The upstream HTTP client: undici with keep-alive pools per origin, a timeout to the
 * response headers, and a separate idle timeout between body chunks (so a long healthy
 * stream is never cut), plus abort from the caller (client disconnect).
 */
import type { Readable } from 'node:stream';
import { UpstreamNetworkError, type UpstreamBody, type UpstreamSend } from './types.js';
import { Agent, errors, request as undiciRequest } from './undici-slim.js';

export type { UpstreamRequest, UpstreamResponse, UpstreamSend } from './types.js';
export { UpstreamNetworkError } from './types.js';

/** Origin and path per upstream URL: a handful of distinct URLs (providers x endpoints), parsed once each. */
const targets = new Map<string, { origin: string; path: string }>();
function targetOf(href: string): { origin: string; path: string } {
  let target = targets.get(href);
  if (!target) {
    const url = new URL(href);
    target = { origin: url.origin, path: `${url.pathname}${url.search}` };
    if (targets.size >= 256) targets.clear();
    targets.set(href, target);
  }
  return target;
}

export function createUpstreamClient(): { send: UpstreamSend; close: () => Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 256, pipelining: 1 });
  const send: UpstreamSend = async (req) => {
    try {
      const { origin, path } = targetOf(req.url);
      const res = await undiciRequest(agent, {
        origin,
        path,
        method: 'POST',
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        headersTimeout: req.headersTimeoutMs,
        bodyTimeout: req.idleTimeoutMs,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      return { status: res.statusCode, headers, body: pushedBody(res.body), text: () => res.body.text() };
    } catch (err) {
      if (req.signal.aborted) throw err;
      const timeout = err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError || err instanceof errors.ConnectTimeoutError;
      throw new UpstreamNetworkError(
        timeout ? `upstream did not answer within ${req.headersTimeoutMs} ms` : `cannot reach upstream: ${(err as Error).message}`,
        timeout,
        err,
      );
    }
  };
  return { send, close: () => agent.close() };
}

/** undici's body stream as the pipeline's push-style body. */
function pushedBody(body: Readable): UpstreamBody {
  let gone = false;
  return {
    subscribe(h) {
      body.on('data', (chunk: Uint8Array) => gone || h.data(chunk));
      body.once('end', () => gone || h.end());
      body.once('error', (err) => gone || h.error(err));
    },
    pause: () => void body.pause(),
    resume: () => void body.resume(),
    destroy(err) {
      gone = true;
      // A listener stays, so an error undici reports while tearing down is not unhandled.
      body.on('error', () => {});
      body.destroy(err);
    },
  };
}
