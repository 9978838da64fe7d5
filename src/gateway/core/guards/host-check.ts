/**
 * DNS-rebinding defence, decided the way local dev servers decide (Vite's
 * `server.allowedHosts`, webpack-dev-server's host check): while the gateway listens on a
 * loopback address, the `Host` header must name loopback — `localhost`, `*.localhost`
 * (RFC 6761 keeps both on loopback), an address in 127.0.0.0/8 or `[::1]`, any port — or
 * a name on the allowlist (`LLM_ROUTER_ALLOWED_HOSTS`, `gateway.allowedHosts`). An entry
 * starting with "." allows that name and every subdomain; "*" turns the check off.
 * A page on attacker.example that rebinds its name to 127.0.0.1 still sends
 * `Host: attacker.example`, so it is refused. Stricter than Vite, which lets any IP
 * literal through: only loopback literals pass here.
 */
import { ipVersion as isIP } from './ip.js';

/** The host name of a Host header (lower case, no port, no trailing dot, IPv6 without brackets); undefined if malformed. */
export function hostnameOf(hostHeader: string): string | undefined {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return undefined;
    const rest = host.slice(end + 1);
    if (rest !== '' && !/^:\d*$/.test(rest)) return undefined;
    const address = host.slice(1, end);
    return isIP(address) === 6 ? address : undefined;
  }
  const colon = host.indexOf(':');
  if (colon >= 0 && !/^\d*$/.test(host.slice(colon + 1))) return undefined;
  const name = (colon < 0 ? host : host.slice(0, colon)).replace(/\.$/, '');
  return name === '' ? undefined : name;
}

export function isLoopbackAddress(address: string): boolean {
  const bare = address
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare) || bare === '0:0:0:0:0:0:0:1';
  return isIP(bare) === 4 && bare.startsWith('127.');
}

export function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || isLoopbackAddress(hostname);
}

/** Allowlist entries as host names (ports dropped, lower case); "*" anywhere means any host. */
export function normalizeHostList(entries: readonly string[]): string[] | '*' {
  if (entries.some((e) => e.trim() === '*')) return '*';
  return entries
    .map((e) => (e.trim().startsWith('.') ? `.${hostnameOf(e.trim().slice(1)) ?? ''}` : (hostnameOf(e) ?? '')))
    .filter((e) => e !== '' && e !== '.');
}

export function isHostAllowed(hostHeader: string | undefined, allowlist: readonly string[] | '*'): boolean {
  // HTTP/1.0 clients may omit Host; every browser sends it.
  if (hostHeader === undefined || allowlist === '*') return true;
  const hostname = hostnameOf(hostHeader);
  if (hostname === undefined) return false;
  if (isLoopbackHostname(hostname)) return true;
  return allowlist.some((entry) => entry === hostname || (entry.startsWith('.') && (hostname === entry.slice(1) || hostname.endsWith(entry))));
}
