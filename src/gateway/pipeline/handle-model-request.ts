/**
 * The attempt loop for a model request: candidates in order; a failure before any output
 * (network error, timeout, 408/409/429/5xx/529, 401/402/403/404, or an error event inside
 * a 200 stream) moves to the next candidate; 400/413/422 come back as they are.
 * Interim classification until the routing engine (#5) adds retries and cooldowns.
 */
import { buildResponse, parseResponse, parseUpstreamError, renderError, CodecError, type CanonicalError, type WireFormat } from '../../formats/index.js';
import type { Config } from '../../config/schema.js';
import type { UpstreamSend } from '../../upstream/client.js';
import { UpstreamNetworkError } from '../../upstream/client.js';
import type { RuntimeOptions } from '../runtime-options.js';
import { resolveCandidates } from './candidates.js';
import { openStream } from './stream-reply.js';
import { LazyCanonical, prepareCall } from './upstream-call.js';

export interface GatewayContext {
  getConfig: () => Config;
  env: NodeJS.ProcessEnv;
  options: RuntimeOptions;
  send: UpstreamSend;
  /** Unix seconds. */
  now: () => number;
}

export interface ModelRequest {
  client: WireFormat;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  signal: AbortSignal;
  /** performance.now() when the request arrived. */
  startedAt: number;
}

export interface GatewayReply {
  status: number;
  headers: Record<string, string>;
  body: string | AsyncIterable<string | Uint8Array>;
}

const NO_FALLBACK = new Set([400, 413, 422]);

function errorReply(client: WireFormat, error: CanonicalError, headers: Record<string, string> = {}): GatewayReply {
  const rendered = renderError(client, error);
  return { status: rendered.status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(rendered.body) };
}

export async function handleModelRequest(ctx: GatewayContext, req: ModelRequest): Promise<GatewayReply> {
  const config = ctx.getConfig();
  const stream = req.body.stream === true;
  const model = typeof req.body.model === 'string' ? req.body.model : undefined;
  const plan = resolveCandidates(config, model, req.client);
  if ('error' in plan) return errorReply(req.client, plan.error);
  const canonical = new LazyCanonical(req.client, req.body);
  const attempts: string[] = [];
  let lastError: GatewayReply | undefined;
  let upstreamMs = 0;
  const debug = (selected?: string): Record<string, string> => {
    const out: Record<string, string> = { 'x-llm-router-overhead-ms': (performance.now() - req.startedAt - upstreamMs).toFixed(2) };
    if (ctx.options.debugRouting) {
      out['x-llm-router-route-ref'] = plan.ref;
      if (selected) out['x-llm-router-selected-candidate'] = selected;
      out['x-llm-router-attempts'] = attempts.slice(0, 8).join(',').slice(0, 512);
      if (plan.skipped.length > 0) out['x-llm-router-skipped-candidates'] = plan.skipped.slice(0, 8).join(',').slice(0, 512);
    }
    return out;
  };
  for (const candidate of plan.candidates) {
    let call;
    try {
      call = prepareCall(candidate, req.client, req.body, canonical, req.headers, ctx.env);
    } catch (err) {
      if (err instanceof CodecError) return errorReply(req.client, err.error, debug());
      throw err;
    }
    if (!call) {
      attempts.push(`${candidate.ref}:no-url`);
      continue;
    }
    const sentAt = performance.now();
    let res;
    try {
      res = await ctx.send({ url: call.url, headers: call.headers, body: call.body, signal: req.signal, headersTimeoutMs: ctx.options.upstreamTimeoutMs, idleTimeoutMs: ctx.options.streamIdleTimeoutMs });
    } catch (err) {
      upstreamMs += performance.now() - sentAt;
      if (req.signal.aborted) throw err;
      const timeout = err instanceof UpstreamNetworkError && err.timeout;
      attempts.push(`${candidate.ref}:${timeout ? 'timeout' : 'network'}`);
      lastError = errorReply(req.client, { status: timeout ? 504 : 502, kind: timeout ? 'timeout' : 'api_error', message: `${candidate.ref}: ${(err as Error).message}` });
      continue;
    }
    upstreamMs += performance.now() - sentAt;
    if (res.status >= 400) {
      const text = await res.text();
      attempts.push(`${candidate.ref}:${res.status}`);
      lastError = call.passthrough
        ? { status: res.status, headers: { 'content-type': res.headers['content-type'] ?? 'application/json' }, body: text }
        : errorReply(req.client, parseUpstreamError(call.upstream, res.status, text));
      if (NO_FALLBACK.has(res.status)) break;
      continue;
    }
    if (stream) {
      const peekStarted = performance.now();
      const opened = await openStream(res, { upstream: call.upstream, client: req.client, passthrough: call.passthrough, includeUsage: req.client !== 'openai-chat' || wantsStreamUsage(req.body), now: ctx.now });
      upstreamMs += performance.now() - peekStarted; // waiting for the first token is the upstream's time
      if (!opened.ok) {
        attempts.push(`${candidate.ref}:stream-error`);
        lastError = errorReply(req.client, opened.error);
        continue;
      }
      attempts.push(`${candidate.ref}:${res.status}`);
      return { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no', ...debug(candidate.ref) }, body: opened.body };
    }
    const text = await res.text();
    attempts.push(`${candidate.ref}:${res.status}`);
    if (call.passthrough) return { status: res.status, headers: { 'content-type': res.headers['content-type'] ?? 'application/json', ...debug(candidate.ref) }, body: text };
    try {
      const body = buildResponse(req.client, parseResponse(call.upstream, JSON.parse(text), ctx.now));
      return { status: 200, headers: { 'content-type': 'application/json', ...debug(candidate.ref) }, body: JSON.stringify(body) };
    } catch (err) {
      lastError = errorReply(req.client, err instanceof CodecError ? err.error : { status: 502, kind: 'api_error', message: `${candidate.ref} returned a body that is not JSON` });
    }
  }
  const reply = lastError ?? errorReply(req.client, { status: 503, kind: 'overloaded', message: `no candidate for "${plan.ref}" could be called` });
  return { ...reply, headers: { ...reply.headers, ...debug() } };
}

function wantsStreamUsage(body: Record<string, unknown>): boolean {
  const options = body.stream_options;
  return typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true;
}
