/**
 * The gateway's error catalog: every HTTP error the gateway itself produces has a stable
 * code (sent as the OpenAI error `code`, and named in docs/errors.md), a status and a kind
 * that picks the error type in each client's format. Upstream errors relayed as they came
 * keep the provider's own body.
 */
import type { CanonicalError, ErrorKind } from '../../formats/index.js';

interface Entry {
  status: number;
  kind: ErrorKind;
  summary: string;
}

export const GATEWAY_ERRORS = {
  invalid_request: {
    status: 400,
    kind: 'invalid_request',
    summary: 'The request body is not a valid request of the client API (not JSON, not an object, no messages/input, ...).',
  },
  unsupported_content: {
    status: 400,
    kind: 'invalid_request',
    summary: "A turn holds only content that no candidate provider's format can take (e.g. a PDF by URL to an OpenAI Chat provider).",
  },
  no_default_model: { status: 400, kind: 'invalid_request', summary: 'The request names no model and the config has no defaultModel.' },
  invalid_api_key: { status: 401, kind: 'authentication', summary: 'The llm-router master key is missing or wrong.' },
  forbidden: { status: 403, kind: 'permission', summary: 'The client address, browser origin or Host header is not allowed.' },
  model_not_found: { status: 404, kind: 'not_found', summary: 'The model is neither a configured provider/model nor an alias.' },
  route_not_found: { status: 404, kind: 'not_found', summary: 'No endpoint at this method and path.' },
  body_too_large: { status: 413, kind: 'request_too_large', summary: 'The request body exceeds LLM_ROUTER_MAX_REQUEST_BODY_BYTES.' },
  unsupported_media_type: { status: 415, kind: 'invalid_request', summary: 'Model endpoints take JSON bodies only.' },
  rate_limited: {
    status: 429,
    kind: 'rate_limit',
    summary: 'Every target is rate limited (by the provider or by a configured bucket); Retry-After says when one frees up.',
  },
  internal_error: { status: 500, kind: 'api_error', summary: 'A bug in llm-router. The gateway log has the details; the response never does.' },
  provider_auth_failed: { status: 502, kind: 'api_error', summary: 'The provider rejected the API key configured for it in llm-router (not your master key).' },
  provider_unreachable: {
    status: 502,
    kind: 'api_error',
    summary: 'The provider could not be reached, closed the connection, or sent a response that is not valid (truncated JSON, a broken stream).',
  },
  provider_error: { status: 502, kind: 'api_error', summary: 'The provider answered with an error llm-router could not route around.' },
  no_providers: { status: 503, kind: 'overloaded', summary: 'No provider is configured or enabled yet.' },
  server_busy: {
    status: 503,
    kind: 'overloaded',
    summary:
      'The gateway is at its in-flight limit (LLM_ROUTER_MAX_INFLIGHT_BODY_BYTES or LLM_ROUTER_MAX_CONCURRENT_REQUESTS); Retry-After says when to try again.',
  },
  no_usable_target: { status: 503, kind: 'api_error', summary: 'Every model behind the route is disabled or speaks no usable format.' },
  providers_unavailable: {
    status: 503,
    kind: 'api_error',
    summary: 'Every target is cooling down or has its circuit open after failures (not a rate limit); Retry-After says when one is tried again.',
  },
  provider_timeout: { status: 504, kind: 'timeout', summary: 'The provider did not answer within LLM_ROUTER_UPSTREAM_TIMEOUT_MS, or its stream went idle.' },
} as const satisfies Record<string, Entry>;

export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

export function gatewayError(code: GatewayErrorCode, message: string, param?: string): CanonicalError {
  const entry: Entry = GATEWAY_ERRORS[code];
  const error: CanonicalError = { status: entry.status, kind: entry.kind, message, code };
  if (param) error.param = param;
  return error;
}
