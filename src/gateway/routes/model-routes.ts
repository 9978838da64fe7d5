/** POST endpoints that call models, and count_tokens. */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CodecError, parseRequest, renderError, type WireFormat } from '../../formats/index.js';
import { detectClientFormat } from '../pipeline/detect-format.js';
import { handleModelRequest, type GatewayContext } from '../pipeline/handle-model-request.js';

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
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    try {
      const result = await handleModelRequest(ctx, { client, body: first, headers: request.headers, signal: abort.signal, startedAt });
      reply.code(result.status).headers(result.headers);
      return reply.send(typeof result.body === 'string' ? result.body : Readable.from(result.body, { objectMode: false }));
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
      try {
        const { value } = parseRequest('anthropic-messages', request.body);
        // The tokenizer's tables are large: loaded on the first count, not at start-up.
        const { estimateInputTokens } = await import('../../formats/count-tokens.js');
        return { input_tokens: estimateInputTokens(value) };
      } catch (err) {
        if (!(err instanceof CodecError)) throw err;
        const { status, body } = renderError('anthropic-messages', err.error);
        return reply.code(status).send(body);
      }
    });
  }
}
