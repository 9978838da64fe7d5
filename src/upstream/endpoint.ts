/** Upstream URL and headers for one provider in one wire format (pure). */
import type { Auth, Format, Provider } from '../config/schema.js';

export function upstreamUrl(provider: Provider, format: Format): string | undefined {
  const base = (provider.baseUrlByFormat?.[format] ?? provider.baseUrl)?.replace(/\/+$/, '');
  if (!base) return undefined;
  if (format === 'openai') {
    if (base.endsWith('/chat/completions')) return base;
    return /\/v\d+(\.\d+)?$/.test(base) ? `${base}/chat/completions` : `${base}/v1/chat/completions`;
  }
  const path = format === 'responses' ? 'responses' : 'messages';
  if (base.endsWith(`/${path}`)) return base;
  return /\/v\d+(\.\d+)?$/.test(base) ? `${base}/${path}` : `${base}/v1/${path}`;
}

export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';
export const USER_AGENT = 'llm-router';

function authHeaders(auth: Auth | null | undefined, format: Format, key: string | undefined): Record<string, string> {
  const type = auth?.type ?? (format === 'claude' ? 'x-api-key' : 'bearer');
  if (type === 'none' || !key) return {};
  if (type === 'x-api-key') return { 'x-api-key': key };
  if (type === 'header') return { [(auth?.headerName ?? 'authorization').toLowerCase()]: `${auth?.prefix ?? ''}${key}` };
  return { authorization: `${auth?.prefix ?? 'Bearer '}${key}` };
}

export interface ClientHeaders {
  anthropicVersion?: string | undefined;
  anthropicBeta?: string | undefined;
}

/** Headers for the upstream request: JSON, the provider's own headers, auth, Anthropic version/beta. */
export function upstreamHeaders(
  provider: Provider,
  format: Format,
  env: Record<string, string | undefined>,
  client: ClientHeaders = {},
): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': USER_AGENT };
  for (const [name, value] of Object.entries(provider.headers ?? {})) headers[name.toLowerCase()] = value;
  const key = provider.apiKey ?? (provider.apiKeyEnv ? env[provider.apiKeyEnv] : undefined);
  Object.assign(headers, authHeaders(provider.authByFormat?.[format] ?? provider.auth, format, key));
  if (format === 'claude') {
    headers['anthropic-version'] = client.anthropicVersion ?? provider.anthropicVersion ?? DEFAULT_ANTHROPIC_VERSION;
    const betas = new Set<string>();
    for (const source of [provider.anthropicBeta, client.anthropicBeta].flat()) {
      for (const beta of (source ?? '').split(',')) if (beta.trim()) betas.add(beta.trim());
    }
    if (betas.size > 0) headers['anthropic-beta'] = [...betas].join(',');
  }
  return headers;
}
