/**
 * The Worker adapter: a Fetch API Request in, the core's reply out as a Response. The
 * config, routing state and core are made once per isolate (again when the config
 * source changes). The client address is `cf-connecting-ip`; there is no loopback Host
 * check (the Worker is reached by its public name). Bodies are read only after the head
 * is admitted (guards, auth), and never beyond LLM_ROUTER_MAX_REQUEST_BODY_BYTES.
 */
import type { Config } from '../../config/schema.js';
import { createFetchClient } from '../../upstream/fetch-client.js';
import { createGatewayCore, type GatewayCore } from '../core/gateway-core.js';
import { createRoutingRuntime } from '../core/routing-runtime.js';
import { runtimeOptionsFromEnv } from '../core/runtime-options.js';
import { BodyError } from '../core/body.js';
import { concatBytes } from '../core/bytes.js';
import { renderedError } from '../core/model-route.js';
import type { CoreHead, CoreReply, StreamBody } from '../core/types.js';
import { workerConfig } from './config-source.js';
import { createDurableState, type DurableState, type StateStub } from './durable-state.js';

declare const __LLM_ROUTER_VERSION__: string | undefined;
/** The package version, written in by the build. */
export const WORKER_VERSION = typeof __LLM_ROUTER_VERSION__ === 'string' ? __LLM_ROUTER_VERSION__ : '0.0.0-dev';

export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): StateStub;
}

type Env = Record<string, unknown>;

interface Isolate {
  key: Config;
  core: GatewayCore;
  state: DurableState | undefined;
  maxBodyBytes: number;
}

let isolate: Isolate | undefined;
const encoder = new TextEncoder();

function stringEnv(env: Env): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') out[name] = value;
  return out;
}

function coreFor(config: Config, env: Env): Isolate {
  if (isolate?.key === config) return isolate;
  const vars = stringEnv(env);
  const binding = env.LLM_ROUTER_STATE as DurableObjectNamespace | undefined;
  const id = binding && typeof binding.idFromName === 'function' ? binding.idFromName('routing') : undefined;
  const state = binding && id !== undefined ? createDurableState(() => binding.get(id)) : undefined;
  const routing = createRoutingRuntime(vars, state ? { state } : {});
  const options = runtimeOptionsFromEnv(vars, { requireAuth: true });
  const core = createGatewayCore({
    getConfig: () => config,
    env: vars,
    options,
    send: createFetchClient().send,
    routing,
    version: WORKER_VERSION,
    runtime: 'worker',
    health: () => ({ stateBackend: state ? 'durable-object' : 'memory', ...(state ? { state: state.status() } : {}) }),
    onInternalError: (err) => console.error('llm-router: unhandled gateway error', err),
  });
  isolate = { key: config, core, state, maxBodyBytes: options.maxBodyBytes };
  return isolate;
}

function configurationError(problem: string): Response {
  const error = { status: 503, kind: 'api_error' as const, code: 'configuration_error', message: `llm-router Worker is not configured: ${problem}` };
  const reply = renderedError('openai-chat', error);
  return new Response(reply.body as string, { status: reply.status, headers: reply.headers });
}

function streamOf(body: StreamBody, done: (aborted: boolean) => void, abort: AbortController): ReadableStream<Uint8Array> {
  let finished = false;
  const end = (aborted: boolean) => {
    if (finished) return;
    finished = true;
    done(aborted);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        body.start({
          write(chunk) {
            if (finished) return true;
            controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
            return (controller.desiredSize ?? 1) > 0;
          },
          end() {
            if (finished) return;
            controller.close();
            end(false);
          },
        });
      },
      pull() {
        body.resume();
      },
      cancel() {
        body.cancel();
        abort.abort();
        end(true);
      },
    },
    { highWaterMark: 16 },
  );
}

interface IdentityStream {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
}

/**
 * A passthrough stream piped natively: the chunks the peek read, then the upstream body
 * itself. workerd pumps a native pipe without a JavaScript turn per chunk (several times
 * cheaper in CPU than a JavaScript stream, which the Workers CPU limit counts).
 */
function nativeStream(
  replay: Uint8Array[],
  rest: ReadableStream<Uint8Array> | undefined,
  done: (aborted: boolean) => void,
  abort: AbortController,
): ReadableStream<Uint8Array> {
  const Identity = (globalThis as { IdentityTransformStream?: new () => IdentityStream }).IdentityTransformStream;
  const pipe: IdentityStream = Identity ? new Identity() : new TransformStream<Uint8Array, Uint8Array>();
  void (async () => {
    const writer = pipe.writable.getWriter();
    try {
      for (const chunk of replay) await writer.write(chunk);
      if (!rest) {
        await writer.close();
        return done(false);
      }
      writer.releaseLock();
      await rest.pipeTo(pipe.writable);
      done(false);
    } catch {
      abort.abort();
      await rest?.cancel().catch(() => {});
      done(true);
    }
  })();
  return pipe.readable;
}

async function toResponse(reply: CoreReply, method: string, abort: AbortController): Promise<Response> {
  const headers = new Headers(reply.headers);
  const done = reply.done ?? (() => {});
  if (reply.body === undefined || method === 'HEAD') {
    if (typeof reply.body === 'object') reply.body.cancel();
    done(false);
    return new Response(null, { status: reply.status, headers });
  }
  if (typeof reply.body === 'string') {
    done(false);
    return new Response(reply.body, { status: reply.status, headers });
  }
  const native = reply.body.native ? await reply.body.native() : undefined;
  if (native) return new Response(nativeStream(native.replay, native.rest, done, abort), { status: reply.status, headers });
  return new Response(streamOf(reply.body, done, abort), { status: reply.status, headers });
}

/** How much of an oversized chunked upload is read and dropped so the client sees its 413. */
const DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * Reads and drops the rest of an oversized upload (up to DRAIN_BYTES past the limit) before
 * the 413: a runtime that closes the connection on an unread body leaves a client still
 * writing with a broken pipe instead of the answer. Past that, the upload is cancelled.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, over: number): Promise<void> {
  try {
    while (over <= DRAIN_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      over += value.length;
    }
    await reader.cancel();
  } catch {
    // the client went away: nothing to answer
  }
}

/** The body, read once the head is admitted, never kept past `limit` bytes. */
async function readBody(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return undefined;
  const tooLarge = () => new BodyError('body_too_large', `request body is larger than ${limit} bytes (LLM_ROUTER_MAX_REQUEST_BODY_BYTES)`);
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await drain(reader, size - limit);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}

export function createWorkerHandler(sealed: string | null) {
  return async function fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const loaded = await workerConfig(sealed, env);
    if (!loaded.ok) return configurationError(loaded.problem);
    const { core, state, maxBodyBytes: limit } = coreFor(loaded.config, env);
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const head: CoreHead = { method: request.method, url: `${url.pathname}${url.search}`, headers, remoteIp: headers['cf-connecting-ip'] ?? '' };
    const abort = new AbortController();
    request.signal?.addEventListener('abort', () => abort.abort(), { once: true });
    const body = request.method === 'POST' ? () => readBody(request, limit) : undefined;
    const reply = await core.handle({ ...head, signal: abort.signal, ...(body ? { body } : {}) });
    const done = reply.done;
    reply.done = (aborted) => {
      done?.(aborted);
      if (state) ctx.waitUntil(state.drain());
    };
    return await toResponse(reply, request.method, abort);
  };
}
