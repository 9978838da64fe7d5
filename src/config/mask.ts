/** Secrets never appear in listings: API keys, the master key, credential-like header values, URL credentials. */
const SENSITIVE_HEADER = /authorization|api[-_]?key|token|secret|cookie|password|credential/i;
/** Below this length a key shows only a short prefix and its length: the ends of a short key are most of it. */
const SHORT = 24;

export function maskSecret(secret: string | undefined): string | undefined {
  if (secret === undefined) return undefined;
  if (secret.length >= SHORT) return `${secret.slice(0, 4)}...${secret.slice(-4)}`;
  const prefix = secret.slice(0, Math.min(3, Math.floor(secret.length / 4)));
  return `${prefix}*** (${secret.length} chars)`;
}

export function maskHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = SENSITIVE_HEADER.test(name) ? (maskSecret(value) ?? '') : value;
  return out;
}

const URL_CREDENTIALS = /^([a-z][a-z0-9+.-]*:\/\/)([^/@?#]*)@/i;

/** True when a URL carries a user name or password (`http://user:pw@host`). */
export function hasUrlCredentials(url: string): boolean {
  return URL_CREDENTIALS.test(url);
}

/** A URL with any user name and password replaced by `***` (for every output). */
export function maskUrl(url: string | undefined): string | undefined {
  return url?.replace(URL_CREDENTIALS, '$1***@');
}
