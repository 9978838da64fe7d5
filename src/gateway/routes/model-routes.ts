/** POST endpoints that call models, and count_tokens. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CodecError, renderError, type WireFormat } from '../../formats/index.js';
import { handleCountTokens } from '../core/pipeline/count-tokens-request.js';
import { detectClientFormat } from '../core/pipeline/detect-format.js';
import { handleModelRequest, type GatewayContext } from '../core/pipeline/handle-model-request.js';
import type { RequestTrace } from '../core/pipeline/request-trace.js';
import { buildRecord } from '../core/observe/request-record.js';
import { readableBody } from '../node/readable-body.js';

const ROUTES: [WireFormat, string[]][] = [
  ['anthropic-messages', ['/v1/messages', '/anthropic/v1/messages', '/anthropic/messages', '/messages']],
  ['openai-chat', ['/v1/chat/completions', '/openai/v1/chat/completions', '/openai/chat/completions', '/chat/completions']],
  ['openai-responses', ['/v1/responses', '/openai/v1/responses', '/openai/responses', '/responses']],
];
const UNIFIED = ['/route', '/', '/v1', '/router'];
const COUNT_TOKENS = ['/v1/messages/count_tokens', '/anthropic/v1/messages/count_tokens'];

function bodyOf(request: FastifyRequest): Record<string, unknown> | CodecError {
  const body = request.body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  return new CodecError('request body must be a JSON object', { status: 400 });
}

export function registerModelRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  const handle = async (request: FastifyRequest, reply: FastifyReply, routed?: WireFormat) => {
    const startedAt = performance.now();
    const first = bodyOf(request);
    const client = routed ?? (first instanceof CodecError ? 'openai-chat' : detectClientFormat(request.headers, first));
    if (first instanceof CodecError) {
      const { status, body } = renderError(client, first.error);
      return reply.code(status).send(body);
    }
    const abort = new AbortController();
    let trace: RequestTrace | undefined;
    ctx.inflight?.started();
    reply.raw.on('close', () => {
      ctx.inflight?.finished();
      const aborted = !reply.raw.writableFinished;
      if (aborted) abort.abort();
      if (trace && ctx.onRecord) {
        const record = buildRecord({
          id: String(request.id),
          startedAtMs: Date.now() - (performance.now() - startedAt),
          client,
          path: request.url,
          model: first.model,
          stream: first.stream === true,
          status: reply.raw.statusCode,
          aborted,
          durationMs: performance.now() - startedAt,
          trace,
          config: ctx.getConfig(),
        });
        ctx.onRecord(record);
      }
    });
    try {
      const result = await handleModelRequest(ctx, {
        client,
        body: first,
        headers: request.headers,
        signal: abort.signal,
        startedAt,
        ...(request.rawBody ? { raw: request.rawBody } : {}),
      });
      trace = result.trace;
      reply.code(result.status).headers(result.headers);
      return reply.send(typeof result.body === 'string' ? result.body : readableBody(result.body));
    } catch (err) {
      if (abort.signal.aborted) return reply;
      throw err;
    }
  };
  for (const [format, paths] of ROUTES) {
    for (const url of paths) app.post(url, { config: { format } }, (request, reply) => handle(request, reply, format));
  }
  for (const url of UNIFIED) app.post(url, (request, reply) => handle(request, reply));
  for (const url of COUNT_TOKENS) {
    app.post(url, { config: { format: 'anthropic-messages' } }, async (request, reply) => {
      const body = bodyOf(request);
      if (body instanceof CodecError) {
        const { status, body: error } = renderError('anthropic-messages', body.error);
        return reply.code(status).send(error);
      }
      const abort = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) abort.abort();
      });
      const result = await handleCountTokens(ctx, body, request.headers, abort.signal);
      return reply.code(result.status).headers(result.headers).send(result.body);
    });
  }
}
