/** Which wire format a request speaks, from its route (or headers on unified/unknown routes). */
import type { FastifyRequest } from 'fastify';
import type { WireFormat } from '../../formats/index.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    format?: WireFormat;
  }
}

export function clientFormatOf(request: FastifyRequest): WireFormat {
  const routed = request.routeOptions.config?.format;
  if (routed) return routed;
  if (request.headers['anthropic-version'] || request.url.startsWith('/anthropic')) return 'anthropic-messages';
  if (request.url.includes('/responses')) return 'openai-responses';
  return 'openai-chat';
}
