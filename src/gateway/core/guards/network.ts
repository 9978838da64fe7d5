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
import type { GatewaySettings } from '../../../config/schema.js';
import type { RuntimeOptions } from '../runtime-options.js';
import type { CoreHead } from '../types.js';
import { allowedRequestHeaders, EXPOSED_HEADERS, isOriginAllowed, normalizeOriginList, PREFLIGHT_METHODS } from './cors.js';
import { isHostAllowed, isLoopbackAddress, normalizeHostList } from './host-check.js';

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

export type GuardVerdict =
  /** Go on; add these headers to every reply (CORS for an allowed origin). */
  | { pass: true; headers: Record<string, string> | undefined }
  /** Refuse with 403 and this message (no message: an empty 403, for a refused preflight). */
  | { pass: false; message?: string; headers?: Record<string, string> }
  /** An allowed preflight: answer 204 with these headers. */
  | { pass: 'preflight'; headers: Record<string, string> };

const PASS: GuardVerdict = { pass: true, headers: undefined };

export function createNetworkGuard(options: RuntimeOptions, getSettings: () => GatewaySettings | undefined): (head: CoreHead) => GuardVerdict {
  let cachedFor: GatewaySettings | undefined | null = null;
  let lists: Allowlists = mergeAllowlists(options, undefined);
  // A listener has one or two local addresses: remember the last answer.
  let lastLocal: string | undefined;
  let lastLocalIsLoopback = false;
  const onLoopback = (local: string) => {
    if (local !== lastLocal) {
      lastLocal = local;
      lastLocalIsLoopback = isLoopbackAddress(local);
    }
    return lastLocalIsLoopback;
  };
  // Clients send the same Host on every request: remember the last verdict (until the lists change).
  let lastHost: string | undefined | null = null;
  let lastHostOk = false;
  const hostAllowed = (host: string | undefined) => {
    if (host !== lastHost) {
      lastHost = host;
      lastHostOk = isHostAllowed(host, lists.hosts);
    }
    return lastHostOk;
  };
  return (head) => {
    const settings = getSettings();
    if (settings !== cachedFor) {
      lists = mergeAllowlists(options, settings);
      cachedFor = settings;
      lastHost = null;
    }
    if (lists.ips && !lists.ips.includes(normalizeIp(head.remoteIp))) {
      return { pass: false, message: 'this address is not allowed (LLM_ROUTER_ALLOWED_IPS / gateway.allowedIps)' };
    }
    const host = head.headers.host;
    if (head.localIp !== undefined && onLoopback(head.localIp) && !hostAllowed(typeof host === 'string' ? host : undefined)) {
      const shown = JSON.stringify(String(host).slice(0, 100));
      return {
        pass: false,
        message:
          `Host ${shown} is not allowed on a loopback connection (DNS-rebinding defence): ` +
          `use localhost or 127.0.0.1, or add the name to LLM_ROUTER_ALLOWED_HOSTS / gateway.allowedHosts`,
      };
    }
    const origin = head.headers.origin;
    if (typeof origin !== 'string') return PASS;
    if (!isOriginAllowed(origin, lists.origins)) {
      if (head.method === 'OPTIONS') return { pass: false };
      return {
        pass: false,
        message:
          `browser origin ${JSON.stringify(origin.slice(0, 100))} is not allowed: ` +
          `add it to LLM_ROUTER_CORS_ALLOWED_ORIGINS / gateway.corsAllowedOrigins to let web pages call the gateway`,
      };
    }
    const headers: Record<string, string> = {
      'access-control-allow-origin': lists.origins === '*' ? '*' : origin,
      'access-control-expose-headers': EXPOSED_HEADERS,
    };
    if (lists.origins !== '*') headers.vary = 'Origin';
    if (head.method !== 'OPTIONS') return { pass: true, headers };
    const requested = head.headers['access-control-request-headers'];
    headers['access-control-allow-methods'] = PREFLIGHT_METHODS;
    headers['access-control-allow-headers'] = allowedRequestHeaders(typeof requested === 'string' ? requested : undefined);
    headers['access-control-max-age'] = '600';
    return { pass: 'preflight', headers };
  };
}
