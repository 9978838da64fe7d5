/**
 * The gateway as a Fastify app (no listen here: tests use app.inject(), `start` listens).
 * Every error comes back in the shape of the client's API.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { RequestRecord } from '../core/observe/request-record.js';
import { registerMetricsRoute, type GatewayMetrics } from './metrics.js';
import { renderError } from '../../formats/index.js';
import { gatewayError, type GatewayErrorCode } from '../core/error-catalog.js';
import type { Config } from '../../config/schema.js';
import type { UpstreamSend } from '../../upstream/types.js';
import type { GatewayContext } from '../core/pipeline/handle-model-request.js';
import { createAuthHook } from '../plugins/auth.js';
import { clientFormatOf } from '../plugins/client-format.js';
import { registerInflightLimits } from '../plugins/inflight-limits.js';
import { registerJsonBodyParser } from '../plugins/json-body.js';
import { createNetworkGuard } from '../plugins/network-guards.js';
import { registerInfoRoutes } from '../routes/info-routes.js';
import { registerModelRoutes } from '../routes/model-routes.js';
import type { RuntimeOptions } from '../core/runtime-options.js';
import { trackConnections } from './shutdown.js';
import { createRoutingRuntime, type RoutingRuntime } from '../core/routing-runtime.js';

export interface AppOptions {
  getConfig: () => Config;
  env: NodeJS.ProcessEnv;
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

export function createApp(opts: AppOptions): FastifyInstance {
  const app = Fastify({
    bodyLimit: opts.options.maxBodyBytes,
    logger: opts.logger ?? false,
    return503OnClosing: false,
    // One logger for all requests: a child logger per request costs more than it tells.
    childLoggerFactory: (logger) => logger,
    // Our own request ids (a client's x-request-id is not trusted), returned on every response.
    genReqId: nextRequestId,
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  trackConnections(app.server);
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  registerJsonBodyParser(app);
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const busy = error.code === 'LLR_SERVER_BUSY';
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
    if (busy) void reply.header('retry-after', '1');
    // A 500 is our bug: its details go to the log, never to the client.
    const message =
      code === 'body_too_large'
        ? `request body is larger than ${opts.options.maxBodyBytes} bytes (LLM_ROUTER_MAX_REQUEST_BODY_BYTES)`
        : code === 'internal_error'
          ? 'internal error in llm-router; the gateway log has the details'
          : error.message;
    if (status === 500) request.log.error({ err: error }, 'unhandled gateway error');
    const rendered = renderError(clientFormatOf(request), { ...gatewayError(code, message), status });
    void reply.code(rendered.status).send(rendered.body);
  });
  app.setNotFoundHandler((request, reply) => {
    const rendered = renderError(clientFormatOf(request), gatewayError('route_not_found', `no route for ${request.method} ${request.url.slice(0, 200)}`));
    void reply.code(404).send(rendered.body);
  });
  app.addHook(
    'onRequest',
    createNetworkGuard(opts.options, () => opts.getConfig().gateway),
  );
  app.addHook(
    'onRequest',
    createAuthHook(() => opts.getConfig().masterKey, opts.options.requireAuth, opts.options.metricsPublic ? ['/metrics'] : []),
  );
  registerInflightLimits(app, opts.options);
  const ctx: GatewayContext = {
    getConfig: opts.getConfig,
    env: opts.env,
    options: opts.options,
    send: opts.send,
    routing: opts.routing ?? createRoutingRuntime(opts.env),
    now,
    ...(opts.observe ? { observe: opts.observe } : {}),
    ...(opts.onRecord || opts.metrics
      ? {
          onRecord: (record: RequestRecord) => {
            opts.metrics?.record(record);
            opts.onRecord?.(record);
          },
        }
      : {}),
  };
  if (opts.metrics) {
    ctx.inflight = opts.metrics;
    registerMetricsRoute(app, opts.metrics);
  }
  registerInfoRoutes(app, opts.getConfig, now(), opts.version);
  registerModelRoutes(app, ctx);
  return app;
}

// Unique per process start (random) and per request (a counter): no crypto call per request.
const ID_PREFIX = randomBytes(6).toString('hex');
let idCounter = 0;
function nextRequestId(): string {
  idCounter = (idCounter + 1) % 0xffffffffffff;
  return `req_${ID_PREFIX}${idCounter.toString(16).padStart(12, '0')}`;
}
