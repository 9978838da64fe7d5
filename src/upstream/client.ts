/**
 * The upstream HTTP client: undici with keep-alive pools per origin, a timeout to the
 * response headers, and a separate idle timeout between body chunks (so a long healthy
 * stream is never cut), plus abort from the caller (client disconnect). Each call is a
 * dispatch with our own response handler (response-handler.ts): the body is pushed to the
 * pipeline as undici parses it, with no Readable in between.
 */
import { ResponseHandler } from './response-handler.js';
import { UpstreamNetworkError, type UpstreamResponse, type UpstreamSend } from './types.js';
import { Agent, errors } from './undici-slim.js';

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
      if (req.signal.aborted) throw req.signal.reason;
      const { origin, path } = targetOf(req.url);
      return await new Promise<UpstreamResponse>((resolve, reject) => {
        agent.dispatch(
          {
            origin,
            path,
            method: 'POST',
            headers: req.headers,
            body: req.body,
            headersTimeout: req.headersTimeoutMs,
            bodyTimeout: req.idleTimeoutMs,
          },
          new ResponseHandler(req.signal, resolve, reject),
        );
      });
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
