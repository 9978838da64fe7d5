/**
 * The gateway as a Fastify app (no listen here: tests use app.inject(), `start` listens):
 * a thin adapter over the framework-free core (gateway/core). Fastify reads the request
 * (body limit, in-flight body bytes) and writes the reply; the core decides everything
 * else. The head is judged in onRequest, before any body byte is read.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../../config/schema.js';
import type { UpstreamSend } from '../../upstream/types.js';
import { createGatewayCore, type Admitted, type CoreMetrics, type Env } from '../core/gateway-core.js';
import type { GatewayErrorCode } from '../core/error-catalog.js';
import type { RequestRecord } from '../core/observe/request-record.js';
import { createRoutingRuntime, type RoutingRuntime } from '../core/routing-runtime.js';
import type { RuntimeOptions } from '../core/runtime-options.js';
import type { CoreHead, CoreReply } from '../core/types.js';
import { BusyError, createBodyBudget } from './inflight-bytes.js';
import type { GatewayMetrics } from './metrics.js';
import { ClientGone } from './client-gone.js';
import { trackConnections } from './shutdown.js';
import { streamToResponse } from './stream-response.js';

export interface AppOptions {
  getConfig: () => Config;
  env: Env;
  options: RuntimeOptions;
  send: UpstreamSend;
  version: string;
  now?: () => number;
  /** Routing state, settings, clock and randomness (default: in memory, from env). */
  routing?: RoutingRuntime;
  logger?: boolean | Record<string, unknown>;
  observe?: (providerId: string, ok: boolean) => void;
  /** Every finished model request, off the response path (request log, metrics). */
  onRecord?: (record: RequestRecord) => void;
  /** Prometheus metrics served at GET /metrics (behind the master key unless metricsPublic). */
  metrics?: GatewayMetrics;
}

/** Per request: what the adapter must undo or report when the response closes (one 'close' listener). */
interface Exchange {
  head: CoreHead;
  admitted: Admitted;
  bodyBytes: number;
  abort?: ClientGone;
  done?: (aborted: boolean) => void;
  /** Stops a streamed body when the client goes away mid-stream. */
  cancel?: () => void;
  /** The response closed (sent, or the client went away). */
  closed?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    exchange?: Exchange;
  }
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

function headOf(request: FastifyRequest): CoreHead {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    remoteIp: request.socket.remoteAddress ?? '',
    ...(request.socket.localAddress !== undefined ? { localIp: request.socket.localAddress } : {}),
  };
}

function coreMetrics(metrics: GatewayMetrics): CoreMetrics {
  return {
    record: (record) => metrics.record(record),
    started: () => metrics.started(),
    finished: () => metrics.finished(),
    render: async () => ({ contentType: metrics.registry.contentType, text: await metrics.registry.metrics() }),
  };
}

export function createApp(opts: AppOptions): FastifyInstance {
  const core = createGatewayCore({
    getConfig: opts.getConfig,
    env: opts.env,
    options: opts.options,
    send: opts.send,
    routing: opts.routing ?? createRoutingRuntime(opts.env),
    version: opts.version,
    runtime: 'node',
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.observe ? { observe: opts.observe } : {}),
    ...(opts.onRecord ? { onRecord: opts.onRecord } : {}),
    ...(opts.metrics ? { metrics: coreMetrics(opts.metrics) } : {}),
    onInternalError: (err) => app.log.error({ err }, 'unhandled gateway error'),
  });
  const budget = createBodyBudget(opts.options.maxInflightBodyBytes);
  const app = Fastify({
    bodyLimit: opts.options.maxBodyBytes,
    logger: opts.logger ?? false,
    return503OnClosing: false,
    // One logger for all requests: a child logger per request costs more than it tells.
    childLoggerFactory: (logger) => logger,
    // Our own request ids (a client's x-request-id is not trusted), returned on every response.
    genReqId: () => core.nextId(),
  });
  trackConnections(app.server);

  const send = (reply: FastifyReply, out: CoreReply, exchange?: Exchange) => {
    void reply.code(out.status).headers(out.headers);
    // Only served replies have `done`; the request's one 'close' listener calls it, or now
    // when the response closed already (the client left while the upstream answered).
    if (out.done && exchange) {
      if (exchange.closed) out.done(true);
      else exchange.done = out.done;
    }
    if (out.body === undefined) return reply.send();
    if (typeof out.body === 'string') return reply.send(out.body);
    // A stream goes to the socket directly: Fastify hands the response over.
    void reply.hijack();
    const cancel = streamToResponse(reply.raw, out.status, reply.getHeaders(), out.body);
    if (!exchange) return reply;
    if (exchange.closed) cancel();
    else exchange.cancel = cancel;
    return reply;
  };

  app.removeAllContentTypeParsers();
  // The core checks the content type and parses; Fastify only collects the bytes (within bodyLimit).
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, raw, done) => done(null, raw));

  app.addHook('onRequest', async (request, reply) => {
    const head = headOf(request);
    const admission = core.admit(head, String(request.id));
    if (!admission.ok) return send(reply, admission.reply);
    const exchange: Exchange = { head, admitted: admission, bodyBytes: 0 };
    request.exchange = exchange;
    // 'close' comes for every response: finished, or cut off mid-stream by the client.
    reply.raw.once('close', () => {
      exchange.closed = true;
      const aborted = !reply.raw.writableFinished;
      if (aborted) {
        exchange.abort?.abort();
        exchange.cancel?.();
      }
      admission.release();
      if (exchange.bodyBytes) budget.release(exchange.bodyBytes);
      exchange.done?.(aborted);
    });
    if (request.method !== 'POST') return;
    const declared = Number(request.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > 0) {
      const refused = budget.admit(declared);
      if (refused) return send(reply, core.errorReply(head, 'server_busy', refused, { ...admission.headers, 'retry-after': '1', connection: 'close' }));
      exchange.bodyBytes = declared;
    }
  });

  // Chunked bodies have no length up front: count them as they arrive.
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (request.method !== 'POST' || request.headers['content-length'] !== undefined) return payload;
    return budget.counted(payload, (n) => {
      if (request.exchange) request.exchange.bodyBytes += n;
    });
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const busy = error instanceof BusyError || error.code === 'LLR_SERVER_BUSY';
    const status = busy ? 503 : error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const code: GatewayErrorCode = busy
      ? 'server_busy'
      : status === 413
        ? 'body_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : status === 500
            ? 'internal_error'
            : 'invalid_request';
    // A 500 is our bug: its details go to the log, never to the client.
    const message =
      code === 'body_too_large'
        ? `request body is larger than ${opts.options.maxBodyBytes} bytes (LLM_ROUTER_MAX_REQUEST_BODY_BYTES)`
        : code === 'internal_error'
          ? 'internal error in llm-router; the gateway log has the details'
          : error.message;
    if (status === 500) request.log.error({ err: error }, 'unhandled gateway error');
    const headers = { ...request.exchange?.admitted.headers, ...(busy ? { 'retry-after': '1' } : {}) };
    const out = core.errorReply(request.exchange?.head ?? headOf(request), code, message, headers);
    return send(reply, { ...out, status });
  });

  app.route({
    method: [...METHODS],
    url: '*',
    handler: async (request, reply) => {
      const exchange = request.exchange!;
      const abort = new ClientGone();
      exchange.abort = abort;
      if (exchange.closed) abort.abort();
      try {
        const body = request.body as Buffer | undefined;
        const out = await core.serve(exchange.admitted, { ...exchange.head, signal: abort, ...(body ? { body } : {}) });
        return send(reply, out, exchange);
      } catch (err) {
        if (abort.aborted) return reply;
        throw err;
      }
    },
  });
  return app;
}
