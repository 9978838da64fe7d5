/**
 * Bounded memory under load: the bytes of request bodies being received or handled at once
 * (LLM_ROUTER_MAX_INFLIGHT_BODY_BYTES, from Content-Length up front and counted as they
 * arrive for chunked bodies) and the number of model requests at once
 * (LLM_ROUTER_MAX_CONCURRENT_REQUESTS). Beyond either, a request gets 503 `server_busy`
 * with Retry-After before its body is read; /health and the model lists are never limited.
 */
import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderError } from '../../formats/index.js';
import { gatewayError } from '../core/error-catalog.js';
import { clientFormatOf } from './client-format.js';

export interface InflightLimits {
  maxInflightBodyBytes: number;
  maxConcurrentRequests: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Bytes this request holds against the in-flight budget (released when it ends). */
    inflightBytes?: number;
    inflightCounted?: boolean;
  }
}

class BusyError extends Error {
  readonly statusCode = 503;
  readonly code = 'LLR_SERVER_BUSY';
}

export function registerInflightLimits(app: FastifyInstance, limits: InflightLimits): { usage(): { bytes: number; requests: number } } {
  let bytes = 0;
  let requests = 0;
  const release = (request: FastifyRequest) => {
    bytes -= request.inflightBytes ?? 0;
    request.inflightBytes = 0;
    if (request.inflightCounted) requests -= 1;
    request.inflightCounted = false;
  };
  const busy = (request: FastifyRequest, why: string) => {
    const rendered = renderError(clientFormatOf(request), gatewayError('server_busy', `llm-router is busy: ${why}; retry shortly`));
    return { status: rendered.status, body: rendered.body };
  };

  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST') return;
    if (requests >= limits.maxConcurrentRequests) {
      const { status, body } = busy(request, `${requests} requests in flight (LLM_ROUTER_MAX_CONCURRENT_REQUESTS=${limits.maxConcurrentRequests})`);
      return reply.code(status).header('retry-after', '1').header('connection', 'close').send(body);
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > 0) {
      if (bytes + declared > limits.maxInflightBodyBytes) {
        const { status, body } = busy(
          request,
          `${bytes + declared} body bytes would be in flight (LLM_ROUTER_MAX_INFLIGHT_BODY_BYTES=${limits.maxInflightBodyBytes})`,
        );
        return reply.code(status).header('retry-after', '1').header('connection', 'close').send(body);
      }
      bytes += declared;
      request.inflightBytes = declared;
    }
    requests += 1;
    request.inflightCounted = true;
    // 'close' comes for every response: finished, or cut off mid-stream by the client (which
    // neither onResponse nor onRequestAbort sees once the request body has been read).
    reply.raw.once('close', () => release(request));
  });

  // Chunked bodies have no length up front: count them as they arrive.
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (request.method !== 'POST' || request.headers['content-length'] !== undefined) return payload;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        if (bytes + chunk.length > limits.maxInflightBodyBytes)
          return done(
            new BusyError(`llm-router is busy: body bytes in flight exceed LLM_ROUTER_MAX_INFLIGHT_BODY_BYTES=${limits.maxInflightBodyBytes}; retry shortly`),
          );
        bytes += chunk.length;
        request.inflightBytes = (request.inflightBytes ?? 0) + chunk.length;
        done(null, chunk);
      },
    });
    return payload.pipe(counter);
  });

  return { usage: () => ({ bytes, requests }) };
}
