/** Secrets never appear in listings: API keys, the master key, and credential-like header values. */
const SENSITIVE_HEADER = /authorization|api[-_]?key|token|secret|cookie|password|credential/i;

export function maskSecret(secret: string | undefined): string | undefined {
  if (secret === undefined) return undefined;
  if (secret.length <= 8) return '*'.repeat(Math.max(secret.length, 4));
  return `${secret.slice(0, 4)}...${secret.slice(-4)}`;
}

export function maskHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = SENSITIVE_HEADER.test(name) ? (maskSecret(value) ?? '') : value;
  return out;
}
