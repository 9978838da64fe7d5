/** Probe URLs, headers and 1-token bodies per wire format (pure; URL joining as in CONTRACT.md). */
import type { Format, Provider } from '../config/schema.js';
import { DEFAULT_ANTHROPIC_VERSION, USER_AGENT, upstreamUrl } from '../upstream/endpoint.js';
import type { AuthStyle } from './types.js';

/** A model id no provider has: the format check costs no tokens. */
export const PROBE_MODEL = 'llm-router-probe-no-such-model';

export function callUrl(baseUrl: string, format: Format): string {
  return upstreamUrl({ id: 'probe', models: [], baseUrl }, format) ?? baseUrl;
}

/** `GET …/models` next to the format's call URL (so `/v1beta/openai/chat/completions` lists `/v1beta/openai/models`). */
export function modelsUrl(baseUrl: string, format: Format): string {
  return callUrl(baseUrl, format).replace(/\/(chat\/completions|messages|responses)$/, '/models');
}

/** Auth styles to try, most likely first: Bearer for OpenAI-style APIs, x-api-key for Anthropic. */
export function authStyles(format: Format, hasKey: boolean, preferred?: AuthStyle): AuthStyle[] {
  if (!hasKey) return ['none'];
  const order: AuthStyle[] = format === 'claude' ? ['x-api-key', 'bearer'] : ['bearer', 'x-api-key'];
  return preferred && preferred !== 'none' ? [preferred, ...order.filter((a) => a !== preferred)] : order;
}

export function probeHeaders(format: Format, auth: AuthStyle, key: string | undefined, extra: Provider['headers']): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
  for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
  if (key && auth === 'bearer') headers.authorization = `Bearer ${key}`;
  if (key && auth === 'x-api-key') headers['x-api-key'] = key;
  if (format === 'claude') headers['anthropic-version'] ??= DEFAULT_ANTHROPIC_VERSION;
  return headers;
}

/** The smallest real request: one token out (Responses needs at least 16). */
export function oneTokenBody(format: Format, model: string, useCompletionTokens = false): Record<string, unknown> {
  const messages = [{ role: 'user', content: 'ping' }];
  if (format === 'claude') return { model, max_tokens: 1, messages };
  if (format === 'responses') return { model, input: 'ping', max_output_tokens: 16, store: false };
  return useCompletionTokens ? { model, messages, max_completion_tokens: 1 } : { model, messages, max_tokens: 1 };
}
