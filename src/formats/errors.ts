/**
 * Errors in each wire format's own shape, and upstream error bodies -> canonical errors.
 * OpenAI (Chat and Responses): {error:{message,type,param,code}};
 * Anthropic: {type:"error",error:{type,message}}.
 */
import type { CanonicalError, ErrorKind, WireFormat } from './canonical/types.js';
import { isRecord, str, type Json } from './shared/values.js';

const ANTHROPIC_TYPE: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  overloaded: 'overloaded_error',
  timeout: 'timeout_error',
  api_error: 'api_error',
};

const OPENAI_TYPE: Record<ErrorKind, { type: string; code: string | null }> = {
  invalid_request: { type: 'invalid_request_error', code: null },
  authentication: { type: 'authentication_error', code: 'invalid_api_key' },
  permission: { type: 'permission_error', code: 'permission_denied' },
  not_found: { type: 'invalid_request_error', code: 'not_found' },
  request_too_large: { type: 'invalid_request_error', code: 'request_too_large' },
  rate_limit: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  overloaded: { type: 'server_error', code: 'overloaded' },
  timeout: { type: 'timeout_error', code: 'timeout' },
  api_error: { type: 'server_error', code: null },
};

export function kindForStatus(status: number): ErrorKind {
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit';
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'api_error';
}

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  rate_limit: 429,
  overloaded: 529,
  timeout: 504,
  api_error: 502,
};

/** The HTTP status an error kind stands for (e.g. an error event inside a 200 stream). */
export function statusForKind(kind: ErrorKind): number {
  return STATUS_OF_KIND[kind];
}

const KIND_FROM_TYPE: Record<string, ErrorKind> = {};
for (const [kind, type] of Object.entries(ANTHROPIC_TYPE)) KIND_FROM_TYPE[type] = kind as ErrorKind;
Object.assign(KIND_FROM_TYPE, {
  server_error: 'api_error',
  insufficient_quota: 'rate_limit',
  rate_limit_exceeded: 'rate_limit',
  invalid_api_key: 'authentication',
});

export function renderError(format: WireFormat, error: CanonicalError): { status: number; body: Json } {
  if (format === 'anthropic-messages') {
    return { status: error.status, body: { type: 'error', error: { type: ANTHROPIC_TYPE[error.kind], message: error.message } } };
  }
  const mapped = OPENAI_TYPE[error.kind];
  return { status: error.status, body: { error: { message: error.message, type: mapped.type, param: error.param ?? null, code: error.code ?? mapped.code } } };
}

/** An upstream error body (already parsed, any format) -> canonical error. */
export function errorFromBody(_format: WireFormat, status: number, body: unknown): CanonicalError {
  const inner = isRecord(body) && isRecord(body.error) ? body.error : isRecord(body) ? body : {};
  const type = str(inner.type) ?? str(inner.code);
  const kind = (type === undefined ? undefined : KIND_FROM_TYPE[type]) ?? kindForStatus(status);
  const message = str(inner.message) ?? (typeof body === 'string' ? body : `upstream error (HTTP ${status})`);
  const error: CanonicalError = { status: status >= 400 ? status : kind === 'overloaded' ? 529 : 500, kind, message };
  const code = str(inner.code);
  if (code) error.code = code;
  const param = str(inner.param);
  if (param) error.param = param;
  return error;
}

/** An upstream error response body as text -> canonical error (non-JSON bodies are kept as the message). */
export function parseUpstreamError(format: WireFormat, status: number, text: string): CanonicalError {
  try {
    return errorFromBody(format, status, JSON.parse(text) as unknown);
  } catch {
    return { status, kind: kindForStatus(status), message: text.trim().slice(0, 2000) || `upstream error (HTTP ${status})` };
  }
}
