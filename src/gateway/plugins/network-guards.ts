/**
 * Who may talk to the gateway, checked before anything else (SECURITY.md, "Browsers"):
 * - the client address, against LLM_ROUTER_ALLOWED_IPS / gateway.allowedIps;
 * - on a loopback connection, the Host header must name loopback or an allowed host
 *   (LLM_ROUTER_ALLOWED_HOSTS / gateway.allowedHosts): a DNS-rebinding page sends its own
 *   name;
 * - a request with an Origin outside the CORS allowlist (LLM_ROUTER_CORS_ALLOWED_ORIGINS /
 *   gateway.corsAllowedOrigins) is refused whatever its method — a browser sends simple
 *   cross-origin POSTs without asking first — and allowed origins get CORS headers and a
 *   preflight that lists the headers the browser SDKs send.
 * The lists are re-read when the config object changes, so a reloaded config applies.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderError } from '../../formats/index.js';
import type { GatewaySettings } from '../../config/schema.js';
import { gatewayError } from '../core/error-catalog.js';
import type { RuntimeOptions } from '../core/runtime-options.js';
import { clientFormatOf } from './client-format.js';
import { allowedRequestHeaders, EXPOSED_HEADERS, isOriginAllowed, normalizeOriginList, PREFLIGHT_METHODS } from '../core/guards/cors.js';
import { isHostAllowed, isLoopbackAddress, normalizeHostList } from '../core/guards/host-check.js';

export function normalizeIp(ip: string): string {
  return ip
    .replace(/^\[|\]$/g, '')
    .replace(/^::ffff:/, '')
    .replace(/%.*$/, '');
}

interface Allowlists {
  ips: string[] | undefined;
  origins: string[] | '*';
  hosts: string[] | '*';
}

/** Env and config lists together; "*" anywhere means any. No origins listed: no browser may call. */
export function mergeAllowlists(options: RuntimeOptions, settings: GatewaySettings | undefined): Allowlists {
  const ips = [...(options.allowedIps ?? []), ...(settings?.allowedIps ?? [])];
  const origins = options.corsOrigins === '*' ? ['*'] : [...(options.corsOrigins ?? []), ...(settings?.corsAllowedOrigins ?? [])];
  return {
    ips: ips.length === 0 || ips.includes('*') ? undefined : ips.map(normalizeIp),
    origins: normalizeOriginList(origins),
    hosts: normalizeHostList([...(options.allowedHosts ?? []), ...(settings?.allowedHosts ?? [])]),
  };
}

async function refuse(request: FastifyRequest, reply: FastifyReply, message: string): Promise<void> {
  const { body } = renderError(clientFormatOf(request), gatewayError('forbidden', message));
  await reply.code(403).send(body);
}

export function createNetworkGuard(options: RuntimeOptions, getSettings: () => GatewaySettings | undefined) {
  let cachedFor: GatewaySettings | undefined | null = null;
  let lists: Allowlists = mergeAllowlists(options, undefined);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const settings = getSettings();
    if (settings !== cachedFor) {
      lists = mergeAllowlists(options, settings);
      cachedFor = settings;
    }
    if (lists.ips && !lists.ips.includes(normalizeIp(request.socket.remoteAddress ?? ''))) {
      return refuse(request, reply, 'this address is not allowed (LLM_ROUTER_ALLOWED_IPS / gateway.allowedIps)');
    }
    const host = request.headers.host;
    if (isLoopbackAddress(request.socket.localAddress ?? '') && !isHostAllowed(host, lists.hosts)) {
      const shown = JSON.stringify(String(host).slice(0, 100));
      return refuse(
        request,
        reply,
        `Host ${shown} is not allowed on a loopback connection (DNS-rebinding defence): ` +
          `use localhost or 127.0.0.1, or add the name to LLM_ROUTER_ALLOWED_HOSTS / gateway.allowedHosts`,
      );
    }
    const origin = request.headers.origin;
    if (origin === undefined) return;
    if (!isOriginAllowed(origin, lists.origins)) {
      if (request.method === 'OPTIONS') return void (await reply.code(403).send());
      return refuse(
        request,
        reply,
        `browser origin ${JSON.stringify(origin.slice(0, 100))} is not allowed: ` +
          `add it to LLM_ROUTER_CORS_ALLOWED_ORIGINS / gateway.corsAllowedOrigins to let web pages call the gateway`,
      );
    }
    reply.header('access-control-allow-origin', lists.origins === '*' ? '*' : origin);
    reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    if (lists.origins !== '*') reply.header('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      const requested = request.headers['access-control-request-headers'];
      await reply
        .code(204)
        .header('access-control-allow-methods', PREFLIGHT_METHODS)
        .header('access-control-allow-headers', allowedRequestHeaders(typeof requested === 'string' ? requested : undefined))
        .header('access-control-max-age', '600')
        .send();
    }
  };
}
