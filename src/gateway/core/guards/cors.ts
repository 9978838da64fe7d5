/**
 * CORS for the origins on the allowlist (LLM_ROUTER_CORS_ALLOWED_ORIGINS,
 * gateway.corsAllowedOrigins): which origins pass, and the preflight answer. The preflight
 * reflects the request headers a browser SDK sends (Anthropic's and OpenAI's SDKs:
 * `anthropic-*` incl. `anthropic-dangerous-direct-browser-access`, `openai-*`,
 * `x-stainless-*`) plus the plain ones; any other requested header is left out, so the
 * browser refuses to send it.
 */
const PLAIN_HEADERS = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'authorization', 'x-api-key', 'x-request-id']);
const HEADER_PATTERNS = [/^anthropic-[a-z0-9-]+$/, /^openai-[a-z0-9-]+$/, /^x-stainless-[a-z0-9-]+$/];
const DEFAULT_HEADERS = 'content-type, authorization, x-api-key, anthropic-version, anthropic-beta, anthropic-dangerous-direct-browser-access';

export const PREFLIGHT_METHODS = 'GET, POST, HEAD, OPTIONS';
/** Response headers a browser page may read: request ids and retry hints the SDKs look at. */
export const EXPOSED_HEADERS = 'x-request-id, request-id, retry-after, retry-after-ms, x-should-retry';

/** "*" when any origin may call, else the list as browsers serialize origins (lower case, no trailing slash). */
export function normalizeOriginList(entries: readonly string[]): string[] | '*' {
  if (entries.some((e) => e.trim() === '*')) return '*';
  return entries.map(normalizeOrigin).filter((e) => e !== '');
}

function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}

export function isOriginAllowed(origin: string, allowlist: readonly string[] | '*'): boolean {
  return allowlist === '*' || allowlist.includes(normalizeOrigin(origin));
}

/** The allowed subset of an Access-Control-Request-Headers value (the defaults when none was asked for). */
export function allowedRequestHeaders(requested: string | undefined): string {
  if (requested === undefined || requested.trim() === '') return DEFAULT_HEADERS;
  const names = requested
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => PLAIN_HEADERS.has(name) || HEADER_PATTERNS.some((pattern) => pattern.test(name)));
  return [...new Set(names)].join(', ');
}
