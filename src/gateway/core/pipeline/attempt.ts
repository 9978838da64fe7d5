/**
 * One upstream call for one candidate, judged: success (a reply to send) or a failure
 * before any output (with what the classifier needs and the error reply to return if
 * nothing else works). A response that breaks off or is not valid JSON is a network
 * failure (retried, then routed around), never a 200 with a broken body.
 */
import {
  buildResponse,
  parseResponse,
  parseUpstreamError,
  renderError,
  statusForKind,
  CodecError,
  type CanonicalError,
  type Usage,
  type WireFormat,
} from '../../../formats/index.js';
import { usageFromBody } from '../../../formats/usage.js';
import type { Failure } from '../../../routing/classify-failure.js';
import type { AbortLike, UpstreamSend } from '../../../upstream/types.js';
import { gatewayError } from '../error-catalog.js';
import { openStream, type StreamBody } from './stream-reply.js';
import type { PreparedCall } from './upstream-call.js';

export interface GatewayReply {
  status: number;
  headers: Record<string, string>;
  body: string | StreamBody;
}

export type AttemptResult =
  | { kind: 'success'; reply: GatewayReply; label: string; /** time to headers (and first output for streams) */ latencyMs: number }
  | {
      kind: 'failure';
      failure: Failure;
      reply: GatewayReply;
      label: string;
      /** the upstream's own message, for error replies the gateway writes */ detail: string;
    };

export interface AttemptContext {
  send: UpstreamSend;
  client: WireFormat;
  stream: boolean;
  includeUsage: boolean;
  /** Free-form tools of the request (Responses clients get custom_tool_call items for them). */
  customTools?: ReadonlySet<string>;
  signal: AbortLike;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  now: () => number;
  /** Adds time spent waiting on the upstream (not router overhead). */
  upstreamTime: (ms: number) => void;
  /** Token usage of the answer, as reported (several calls for a stream; later fields win). */
  onUsage?: (usage: Partial<Usage>) => void;
  onStreamError?: (message: string) => void;
}

/** Who answered, for messages: `provider "Name" (ref)`. */
export interface Target {
  ref: string;
  provider: string;
}

export function errorReply(client: WireFormat, error: CanonicalError, headers: Record<string, string> = {}): GatewayReply {
  const rendered = renderError(client, error);
  const out: Record<string, string> = { 'content-type': 'application/json', ...headers };
  return { status: rendered.status, headers: out, body: JSON.stringify(rendered.body) };
}

const who = (t: Target) => `provider "${t.provider}" (${t.ref})`;

function networkFailure(ctx: AttemptContext, target: Target, err: unknown, what: string): AttemptResult {
  const timeout = (err as { timeout?: boolean }).timeout === true || (err as { name?: string }).name === 'BodyTimeoutError';
  const detail = (err as Error).message;
  const error = timeout
    ? gatewayError('provider_timeout', `${who(target)} timed out: ${detail}`)
    : gatewayError('provider_unreachable', `${who(target)} ${what}: ${detail}`);
  return { kind: 'failure', failure: timeout ? { timeout: true } : {}, reply: errorReply(ctx.client, error), label: timeout ? 'timeout' : 'network', detail };
}

async function failedStatus(ctx: AttemptContext, call: PreparedCall, target: Target, res: Awaited<ReturnType<UpstreamSend>>): Promise<AttemptResult> {
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    text = '';
  }
  const upstream = asGatewayStatus(parseUpstreamError(call.upstream, res.status, text));
  const retryAfter = res.headers['retry-after'];
  const headers: Record<string, string> = {};
  if (res.status === 429 && retryAfter) headers['retry-after'] = retryAfterSeconds(retryAfter);
  const reply: GatewayReply = call.passthrough
    ? { status: res.status === 500 ? 502 : res.status, headers: { 'content-type': res.headers['content-type'] ?? 'application/json', ...headers }, body: text }
    : errorReply(ctx.client, upstream, headers);
  const failure: Failure = { status: res.status, body: text.slice(0, 4096) };
  if (retryAfter) failure.retryAfter = retryAfter;
  return { kind: 'failure', failure, reply, label: String(res.status), detail: upstream.message };
}

/** A provider's 500 reaches the client as 502: a 500 from the gateway means a bug in llm-router. */
function asGatewayStatus(error: CanonicalError): CanonicalError {
  return error.status === 500 ? { ...error, status: 502 } : error;
}

/** A Retry-After value as whole seconds >= 1 (HTTP dates and fractions are converted). */
export function retryAfterSeconds(value: string, nowMs = Date.now()): string {
  const seconds = Number(value.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - nowMs;
  return String(Number.isFinite(ms) ? Math.min(86_400, Math.max(1, Math.ceil(ms / 1000))) : 1);
}

async function streamed(
  ctx: AttemptContext,
  call: PreparedCall,
  target: Target,
  res: Awaited<ReturnType<UpstreamSend>>,
  sentAt: number,
): Promise<AttemptResult> {
  const peekStarted = performance.now();
  const opened = await openStream(res, {
    upstream: call.upstream,
    client: ctx.client,
    passthrough: call.passthrough,
    ...(call.stripUsage ? { stripUsage: true } : {}),
    includeUsage: ctx.includeUsage,
    now: ctx.now,
    ...(ctx.customTools ? { customTools: ctx.customTools } : {}),
    ...(ctx.onUsage ? { onUsage: ctx.onUsage } : {}),
    ...(ctx.onStreamError ? { onStreamError: ctx.onStreamError } : {}),
  });
  ctx.upstreamTime(performance.now() - peekStarted); // waiting for the first token is the upstream's time
  if (!opened.ok) {
    const error = asGatewayStatus({ ...opened.error, message: `${who(target)}: ${opened.error.message}` });
    const status = opened.error.kind === 'api_error' && opened.error.status === 502 ? undefined : statusForKind(opened.error.kind);
    return {
      kind: 'failure',
      failure: status === undefined ? {} : { status, body: opened.error.message },
      reply: errorReply(ctx.client, error),
      label: 'stream-error',
      detail: opened.error.message,
    };
  }
  const headers = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' };
  return { kind: 'success', reply: { status: 200, headers, body: opened.body }, label: String(res.status), latencyMs: performance.now() - sentAt };
}

export async function attempt(ctx: AttemptContext, call: PreparedCall, target: Target): Promise<AttemptResult> {
  const sentAt = performance.now();
  let res;
  try {
    res = await ctx.send({
      url: call.url,
      headers: call.headers,
      body: call.body,
      signal: ctx.signal,
      headersTimeoutMs: ctx.headersTimeoutMs,
      idleTimeoutMs: ctx.idleTimeoutMs,
    });
  } catch (err) {
    ctx.upstreamTime(performance.now() - sentAt);
    if (ctx.signal.aborted) throw err;
    return networkFailure(ctx, target, err, 'cannot be reached');
  }
  ctx.upstreamTime(performance.now() - sentAt);
  if (res.status >= 400) return failedStatus(ctx, call, target, res);
  if (ctx.stream) return streamed(ctx, call, target, res, sentAt);
  const latencyMs = performance.now() - sentAt;
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    return networkFailure(ctx, target, err, 'closed the response before it was complete');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return networkFailure(
      ctx,
      target,
      new Error(`HTTP ${res.status} body is not valid JSON (${text.length} bytes${text.length > 0 ? `, starts ${JSON.stringify(text.slice(0, 60))}` : ''})`),
      'sent a broken response',
    );
  }
  if (call.passthrough) {
    if (ctx.onUsage) ctx.onUsage(usageFromBody(call.upstream, json) ?? {});
    return {
      kind: 'success',
      reply: { status: res.status, headers: { 'content-type': res.headers['content-type'] ?? 'application/json' }, body: text },
      label: String(res.status),
      latencyMs,
    };
  }
  try {
    const parsed = parseResponse(call.upstream, json, ctx.now);
    ctx.onUsage?.(parsed.usage);
    const body = buildResponse(ctx.client, parsed, undefined, ctx.customTools ? { customTools: ctx.customTools } : {});
    return {
      kind: 'success',
      reply: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      label: String(res.status),
      latencyMs,
    };
  } catch (err) {
    if (!(err instanceof CodecError)) throw err;
    const error = gatewayError('provider_unreachable', `${who(target)} sent a response that is not a ${call.upstream} response: ${err.message}`);
    return { kind: 'failure', failure: {}, reply: errorReply(ctx.client, error), label: 'bad-body', detail: err.message };
  }
}
