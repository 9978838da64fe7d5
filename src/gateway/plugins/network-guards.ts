/** IP allowlist (socket address) and CORS allowlist, from LLM_ROUTER_ALLOWED_IPS / LLM_ROUTER_CORS_ALLOWED_ORIGINS. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderError } from '../../formats/index.js';
import type { RuntimeOptions } from '../runtime-options.js';
import { clientFormatOf } from './client-format.js';

export function normalizeIp(ip: string): string {
  return ip.replace(/^\[|\]$/g, '').replace(/^::ffff:/, '').replace(/%.*$/, '');
}

export function createNetworkGuard(options: RuntimeOptions) {
  const allowedIps = options.allowedIps?.map(normalizeIp);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (allowedIps && !allowedIps.includes(normalizeIp(request.socket.remoteAddress ?? ''))) {
      const { body } = renderError(clientFormatOf(request), { status: 403, kind: 'permission', message: 'this address is not in LLM_ROUTER_ALLOWED_IPS' });
      await reply.code(403).send(body);
      return;
    }
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const allowed = options.corsOrigins === '*' || (options.corsOrigins?.includes(origin) ?? false);
    if (allowed) {
      reply.header('access-control-allow-origin', options.corsOrigins === '*' ? '*' : origin);
      if (options.corsOrigins !== '*') reply.header('vary', 'Origin');
    }
    if (request.method === 'OPTIONS') {
      if (!allowed) {
        await reply.code(403).send();
        return;
      }
      await reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST, OPTIONS')
        .header('access-control-allow-headers', 'content-type, authorization, x-api-key, anthropic-version, anthropic-beta')
        .header('access-control-max-age', '600')
        .send();
    }
  };
}
