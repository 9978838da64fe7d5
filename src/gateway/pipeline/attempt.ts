/**
 * One upstream call for one candidate, judged: success (a reply to send) or a failure
 * before any output (with what the classifier needs and the error reply to return if
 * nothing else works).
 */
import { buildResponse, parseResponse, parseUpstreamError, renderError, statusForKind, CodecError, type CanonicalError, type WireFormat } from '../../formats/index.js';
import type { Failure } from '../../routing/classify-failure.js';
import { UpstreamNetworkError, type UpstreamSend } from '../../upstream/client.js';
import { openStream } from './stream-reply.js';
import type { PreparedCall } from './upstream-call.js';

export interface GatewayReply {
  status: number;
  headers: Record<string, string>;
  body: string | AsyncIterable<string | Uint8Array>;
}

export type AttemptResult =
  | { kind: 'success'; reply: GatewayReply; label: string; /** time to headers (and first output for streams) */ latencyMs: number }
  | { kind: 'failure'; failure: Failure; reply: GatewayReply; label: string };

export interface AttemptContext {
  send: UpstreamSend;
  client: WireFormat;
  stream: boolean;
  includeUsage: boolean;
  signal: AbortSignal;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  now: () => number;
  /** Adds time spent waiting on the upstream (not router overhead). */
  upstreamTime: (ms: number) => void;
}

export function errorReply(client: WireFormat, error: CanonicalError, headers: Record<string, string> = {}): GatewayReply {
  const rendered = renderError(client, error);
  const out: Record<string, string> = { 'content-type': 'application/json', ...headers };
  return { status: rendered.status, headers: out, body: JSON.stringify(rendered.body) };
}

export async function attempt(ctx: AttemptContext, call: PreparedCall, ref: string): Promise<AttemptResult> {
  const sentAt = performance.now();
  let res;
  try {
    res = await ctx.send({ url: call.url, headers: call.headers, body: call.body, signal: ctx.signal, headersTimeoutMs: ctx.headersTimeoutMs, idleTimeoutMs: ctx.idleTimeoutMs });
  } catch (err) {
    ctx.upstreamTime(performance.now() - sentAt);
    if (ctx.signal.aborted) throw err;
    const timeout = err instanceof UpstreamNetworkError && err.timeout;
    const reply = errorReply(ctx.client, { status: timeout ? 504 : 502, kind: timeout ? 'timeout' : 'api_error', message: `${ref}: ${(err as Error).message}` });
    return { kind: 'failure', failure: timeout ? { timeout: true } : {}, reply, label: timeout ? 'timeout' : 'network' };
  }
  ctx.upstreamTime(performance.now() - sentAt);
  if (res.status >= 400) {
    const text = await res.text();
    const reply: GatewayReply = call.passthrough
      ? { status: res.status, headers: { 'content-type': res.headers['content-type'] ?? 'application/json' }, body: text }
      : errorReply(ctx.client, parseUpstreamError(call.upstream, res.status, text));
    const failure: Failure = { status: res.status, body: text.slice(0, 4096) };
    if (res.headers['retry-after']) failure.retryAfter = res.headers['retry-after'];
    return { kind: 'failure', failure, reply, label: String(res.status) };
  }
  if (ctx.stream) {
    const peekStarted = performance.now();
    const opened = await openStream(res, { upstream: call.upstream, client: ctx.client, passthrough: call.passthrough, includeUsage: ctx.includeUsage, now: ctx.now });
    ctx.upstreamTime(performance.now() - peekStarted); // waiting for the first token is the upstream's time
    if (!opened.ok) {
      return { kind: 'failure', failure: { status: statusForKind(opened.error.kind), body: opened.error.message }, reply: errorReply(ctx.client, opened.error), label: 'stream-error' };
    }
    return { kind: 'success', reply: { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' }, body: opened.body }, label: String(res.status), latencyMs: performance.now() - sentAt };
  }
  const latencyMs = performance.now() - sentAt;
  const text = await res.text();
  if (call.passthrough) return { kind: 'success', reply: { status: res.status, headers: { 'content-type': res.headers['content-type'] ?? 'application/json' }, body: text }, label: String(res.status), latencyMs };
  try {
    const body = buildResponse(ctx.client, parseResponse(call.upstream, JSON.parse(text), ctx.now));
    return { kind: 'success', reply: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, label: String(res.status), latencyMs };
  } catch (err) {
    const error: CanonicalError = err instanceof CodecError ? err.error : { status: 502, kind: 'api_error', message: `${ref} returned a body that is not JSON` };
    return { kind: 'failure', failure: { status: 502, body: error.message }, reply: errorReply(ctx.client, error), label: 'bad-body' };
  }
}
