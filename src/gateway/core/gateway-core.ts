/**
 * The gateway, framework-free: route table → network guards → auth → in-flight limit →
 * body → pipeline. `admit` decides what can be decided from the head alone (synchronously,
 * before any body byte is read); `serve` does the rest; `handle` is both, for adapters
 * that get whole requests (the Worker). Every error is rendered in the client's format.
 */
import type { Config } from '../../config/schema.js';
import type { WireFormat } from '../../formats/index.js';
import type { UpstreamSend } from '../../upstream/types.js';
import { keyMatches, presentedKey } from './auth.js';
import { BodyError } from './body.js';
import { RequestBody } from './request-body.js';
import { gatewayError, type GatewayErrorCode } from './error-catalog.js';
import { createNetworkGuard } from './guards/network.js';
import { infoBody } from './info.js';
import { renderedError, serveCountTokens, serveModel } from './model-route.js';
import type { RequestRecord } from './observe/request-record.js';
import type { GatewayContext } from './pipeline/handle-model-request.js';
import { createRequestIds } from './request-id.js';
import { clientFormatFor, findRoute, pathOf, type Route } from './routes.js';
import type { RoutingRuntime } from './routing-runtime.js';
import type { RuntimeOptions } from './runtime-options.js';
import type { CoreHead, CoreReply, CoreRequest } from './types.js';

export type Env = Record<string, string | undefined>;

/** Metrics as the core sees them (prom-client lives in the Node adapter). */
export interface CoreMetrics {
  record(record: RequestRecord): void;
  started(): void;
  finished(): void;
  /** The exposition text for GET /metrics. */
  render(): Promise<{ contentType: string; text: string }>;
}

export interface CoreOptions {
  getConfig: () => Config;
  env: Env;
  options: RuntimeOptions;
  send: UpstreamSend;
  routing: RoutingRuntime;
  version: string;
  /** `node` or `worker`: GET /health says which. */
  runtime: string;
  /** Extra /health fields (e.g. the Worker's state backend). */
  health?: () => Record<string, unknown>;
  /** Unix seconds. */
  now?: () => number;
  observe?: (providerId: string, ok: boolean) => void;
  onRecord?: (record: RequestRecord) => void;
  metrics?: CoreMetrics;
  /** Told about a bug (a 500) with its error; the client gets no details. */
  onInternalError?: (err: unknown, head: CoreHead) => void;
}

/** The request got past everything the head decides: what serve needs, and the slot to give back. */
export interface Admitted {
  ok: true;
  id: string;
  route: Route;
  client: WireFormat;
  /** Headers every reply to this request carries (x-request-id, CORS). */
  headers: Record<string, string>;
  /** Gives back the in-flight slot; call once, when the response is done. */
  release(): void;
  startedAt: number;
}

export type Admission = Admitted | { ok: false; reply: CoreReply; id: string };

export interface GatewayCore {
  admit(head: CoreHead, id?: string): Admission;
  serve(admitted: Admitted, req: CoreRequest): Promise<CoreReply>;
  /** admit + serve; the reply's `done` also gives back the slot. */
  handle(req: CoreRequest): Promise<CoreReply>;
  /** An error the adapter met (body too large, …), rendered for this request's client. */
  errorReply(head: CoreHead, code: GatewayErrorCode, message: string, headers?: Record<string, string>): CoreReply;
  nextId(): string;
}

const NOTHING = (): void => {};

export function createGatewayCore(opts: CoreOptions): GatewayCore {
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  const startedAt = now();
  const nextId = createRequestIds();
  const guard = createNetworkGuard(opts.options, () => opts.getConfig().gateway);
  const open = new Set(['/health', ...(opts.options.metricsPublic ? ['/metrics'] : [])]);
  let requests = 0;
  const ctx: GatewayContext = {
    getConfig: opts.getConfig,
    env: opts.env,
    options: opts.options,
    send: opts.send,
    routing: opts.routing,
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
    ...(opts.metrics ? { inflight: opts.metrics } : {}),
  };

  const errorFor = (head: CoreHead, route: Route | undefined, code: GatewayErrorCode, message: string, headers: Record<string, string> = {}) =>
    renderedError(clientFormatFor(route, head.url, head.headers), gatewayError(code, message), headers);

  const admit = (head: CoreHead, id = nextId()): Admission => {
    const path = pathOf(head.url);
    const route = findRoute(head.method, path);
    const verdict = guard(head);
    const base: Record<string, string> = { 'x-request-id': id };
    if (verdict.pass === 'preflight') return { ok: false, id, reply: { status: 204, headers: { ...base, ...verdict.headers } } };
    if (verdict.pass === false) {
      if (verdict.message === undefined) return { ok: false, id, reply: { status: 403, headers: base } };
      return { ok: false, id, reply: errorFor(head, route, 'forbidden', verdict.message, base) };
    }
    const headers = verdict.headers ? { ...base, ...verdict.headers } : base;
    const masterKey = opts.getConfig().masterKey;
    if (
      opts.options.requireAuth &&
      masterKey !== undefined &&
      head.method !== 'OPTIONS' &&
      !open.has(path) &&
      !keyMatches(presentedKey(head.headers), masterKey)
    ) {
      const message = 'invalid or missing llm-router master key: send it as "Authorization: Bearer <key>" or "x-api-key: <key>"';
      return { ok: false, id, reply: errorFor(head, route, 'invalid_api_key', message, { ...headers, 'www-authenticate': 'Bearer' }) };
    }
    if (!route || (route.kind === 'metrics' && !opts.metrics)) {
      return { ok: false, id, reply: errorFor(head, route, 'route_not_found', `no route for ${head.method} ${head.url.slice(0, 200)}`, headers) };
    }
    const client = clientFormatFor(route, head.url, head.headers);
    if (head.method !== 'POST') return { ok: true, id, route, client, headers, release: NOTHING, startedAt: performance.now() };
    if (requests >= opts.options.maxConcurrentRequests) {
      const message = `llm-router is busy: ${requests} requests in flight (LLM_ROUTER_MAX_CONCURRENT_REQUESTS=${opts.options.maxConcurrentRequests}); retry shortly`;
      return { ok: false, id, reply: errorFor(head, route, 'server_busy', message, { ...headers, 'retry-after': '1', connection: 'close' }) };
    }
    requests += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      requests -= 1;
    };
    return { ok: true, id, route, client, headers, release, startedAt: performance.now() };
  };

  const serveAdmitted = async (a: Admitted, req: CoreRequest): Promise<CoreReply> => {
    const { route } = a;
    if (route.kind !== 'model' && route.kind !== 'count-tokens') {
      if (route.kind === 'metrics') {
        const { contentType, text } = await opts.metrics!.render();
        return { status: 200, headers: { 'content-type': contentType }, body: text };
      }
      const src = { config: opts.getConfig(), version: opts.version, startedAt, runtime: opts.runtime, ...(opts.health ? { health: opts.health() } : {}) };
      return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(infoBody(route.kind, src)) };
    }
    try {
      const body = RequestBody.read(typeof req.body === 'function' ? await req.body() : req.body, req.headers['content-type']);
      if (route.kind === 'count-tokens') return await serveCountTokens(ctx, req, body.value);
      return await serveModel(ctx, req, body, route.format, a.id, a.startedAt);
    } catch (err) {
      if (err instanceof BodyError) return renderedError(a.client, gatewayError(err.code, err.message));
      throw err;
    }
  };

  const serve = async (a: Admitted, req: CoreRequest): Promise<CoreReply> => {
    let reply: CoreReply;
    try {
      reply = await serveAdmitted(a, req);
    } catch (err) {
      if (req.signal.aborted) throw err;
      opts.onInternalError?.(err, req);
      reply = renderedError(a.client, gatewayError('internal_error', 'internal error in llm-router; the gateway log has the details'));
    }
    Object.assign(reply.headers, a.headers);
    return reply;
  };

  return {
    admit,
    serve,
    async handle(req) {
      const admission = admit(req);
      if (!admission.ok) return admission.reply;
      let reply: CoreReply;
      try {
        reply = await serve(admission, req);
      } catch (err) {
        admission.release();
        throw err;
      }
      const done = reply.done;
      reply.done = (aborted) => {
        admission.release();
        done?.(aborted);
      };
      return reply;
    },
    errorReply: (head, code, message, headers = {}) => errorFor(head, findRoute(head.method, pathOf(head.url)), code, message, headers),
    nextId,
  };
}
