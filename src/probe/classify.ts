/**
 * Reads one probe answer for a format: a success in that format's shape, or which kind of
 * failure it is. Heuristics on error text are limited to telling "no such model" from
 * "no such endpoint"; the status code decides everything else.
 */
import type { Format } from '../config/schema.js';
import type { ProbeAnswer } from './probe-client.js';
import type { Outcome } from './types.js';

const MODEL_PROBLEM =
  /model_not_found|no such model|not a valid model|(unknown|invalid|unsupported|unavailable) model|model\b.{0,60}\b(not (found|exist|available|supported|allowed)|does ?n[o']t exist|is not|unknown|invalid|unsupported|no access|deprecated|decommissioned)/i;
const NO_ROUTE = /invalid url|unknown (url|path|route|endpoint)|no route|route .* not found|cannot (post|get)|^not found$/i;

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The provider's error message, if the body has one in a shape we know. */
export function errorMessage(json: unknown): string | undefined {
  const body = record(json);
  if (!body) return undefined;
  const error = body.error;
  if (typeof error === 'string') return error;
  const inner = record(error);
  if (inner && typeof inner.message === 'string') return inner.message;
  if (typeof body.message === 'string') return body.message;
  if (typeof body.detail === 'string') return body.detail;
  return undefined;
}

/** Whether an error body is in this format's error shape. */
function errorInShape(format: Format, json: unknown): boolean {
  const body = record(json);
  if (!body) return false;
  if (format === 'claude') return body.type === 'error' && record(body.error) !== undefined;
  const inner = record(body.error);
  return inner !== undefined && typeof inner.message === 'string' && body.type !== 'error';
}

function successInShape(format: Format, json: unknown): boolean {
  const body = record(json);
  if (!body) return false;
  if (format === 'claude') return body.type === 'message' && Array.isArray(body.content);
  if (format === 'responses') return body.object === 'response' || Array.isArray(body.output);
  return Array.isArray(body.choices);
}

export function scrub(text: string, secret: string | undefined): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const clean = secret && secret.length >= 4 ? flat.split(secret).join('***') : flat;
  return clean.length > 200 ? `${clean.slice(0, 197)}...` : clean;
}

export function classifyAnswer(format: Format, answer: ProbeAnswer, secret?: string): Outcome {
  if (!answer.reached) return { ok: false, kind: answer.kind, detail: answer.detail };
  const status = answer.status;
  if (status >= 300 && status < 400) {
    const to = answer.headers.get('location');
    return { ok: false, kind: 'format-mismatch', status, detail: `HTTP ${status}: redirects${to ? ` to ${scrub(to, secret)}` : ''} (give that URL instead)` };
  }
  if (!answer.isJson) {
    const html = /^\s*</.test(answer.text);
    const what = html ? 'an HTML page' : answer.text.trim() === '' ? 'an empty body' : 'a non-JSON body';
    if (status === 404 || status === 405) return { ok: false, kind: 'format-mismatch', status, detail: `HTTP ${status} with ${what}: no such endpoint` };
    if (status === 401 || status === 403) return { ok: false, kind: 'auth', status, detail: `HTTP ${status} with ${what}` };
    if (status === 429) return { ok: false, kind: 'rate-limited', status, detail: 'HTTP 429 (retries exhausted)' };
    return { ok: false, kind: 'non-json', status, detail: `HTTP ${status} with ${what}, not JSON` };
  }
  const message = errorMessage(answer.json);
  const detail = message === undefined ? `HTTP ${status}` : `HTTP ${status}: ${scrub(message, secret)}`;
  if (status >= 200 && status < 300) {
    return successInShape(format, answer.json)
      ? { ok: true, status }
      : { ok: false, kind: 'format-mismatch', status, detail: `HTTP ${status} but not a ${format} reply` };
  }
  if (status === 429) return { ok: false, kind: 'rate-limited', status, detail };
  const inShape = errorInShape(format, answer.json);
  const code = JSON.stringify(record(record(answer.json)?.error)?.code ?? '');
  const aboutModel =
    MODEL_PROBLEM.test(message ?? '') || /model_not_found/.test(code) || (inShape && [400, 404, 422].includes(status) && /^model\b/i.test(message ?? ''));
  if ((inShape || status === 404) && aboutModel) return { ok: false, kind: 'model-unsupported', status, detail };
  if (status === 401 || status === 403) return { ok: false, kind: 'auth', status, detail };
  if (status >= 500) return { ok: false, kind: 'upstream-error', status, detail };
  if (status === 404 || status === 405 || !inShape || NO_ROUTE.test(message ?? '')) return { ok: false, kind: 'format-mismatch', status, detail };
  return { ok: false, kind: 'bad-request', status, detail };
}

/** Whether an answer shows the endpoint speaks the format (a success, or an error in its shape). */
export function speaksFormat(outcome: Outcome): boolean {
  return outcome.ok || outcome.kind === 'model-unsupported' || outcome.kind === 'bad-request';
}
