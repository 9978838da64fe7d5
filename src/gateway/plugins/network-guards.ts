/**
 * IP allowlist (socket address) and CORS allowlist, from LLM_ROUTER_ALLOWED_IPS /
 * LLM_ROUTER_CORS_ALLOWED_ORIGINS and the config's `gateway` section (re-read when the
 * config object changes, so a reloaded config applies).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderError } from '../../formats/index.js';
import type { GatewaySettings } from '../../config/schema.js';
import type { RuntimeOptions } from '../runtime-options.js';
import { clientFormatOf } from './client-format.js';

export function normalizeIp(ip: string): string {
  return ip.replace(/^\[|\]$/g, '').replace(/^::ffff:/, '').replace(/%.*$/, '');
}

interface Allowlists {
  ips: string[] | undefined;
  origins: string[] | '*' | undefined;
}

/** Env and config lists together; "*" anywhere means any. Undefined: no restriction / no CORS. */
export function mergeAllowlists(options: RuntimeOptions, settings: GatewaySettings | undefined): Allowlists {
  const ips = [...(options.allowedIps ?? []), ...(settings?.allowedIps ?? [])];
  const origins = options.corsOrigins === '*' ? ['*'] : [...(options.corsOrigins ?? []), ...(settings?.corsAllowedOrigins ?? [])];
  return {
    ips: ips.length === 0 || ips.includes('*') ? undefined : ips.map(normalizeIp),
    origins: origins.includes('*') ? '*' : origins.length > 0 ? origins : undefined,
  };
}

export function createNetworkGuard(options: RuntimeOptions, getSettings: () => GatewaySettings | undefined) {
  let cachedFor: GatewaySettings | undefined | null = null;
  let lists: Allowlists = { ips: undefined, origins: undefined };
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const settings = getSettings();
    if (settings !== cachedFor) {
      lists = mergeAllowlists(options, settings);
      cachedFor = settings;
    }
    const allowedIps = lists.ips;
    if (allowedIps && !allowedIps.includes(normalizeIp(request.socket.remoteAddress ?? ''))) {
      const { body } = renderError(clientFormatOf(request), { status: 403, kind: 'permission', message: 'this address is not allowed (LLM_ROUTER_ALLOWED_IPS / gateway.allowedIps)' });
      await reply.code(403).send(body);
      return;
    }
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const allowed = lists.origins === '*' || (lists.origins?.includes(origin) ?? false);
    if (allowed) {
      reply.header('access-control-allow-origin', lists.origins === '*' ? '*' : origin);
      if (lists.origins !== '*') reply.header('vary', 'Origin');
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
