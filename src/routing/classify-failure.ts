/**
 * A failed attempt -> what to do about it: retry the same candidate, fall back to the
 * next, cool the candidate down (and for how long). The seed's table, plus 529 and errors
 * that arrive inside an HTTP 200 stream before any output. Pure.
 */
import { parseRetryAfter } from './windows.js';
import type { RoutingSettings } from './settings.js';

export type FailureCategory =
  | 'network_error'
  | 'timeout'
  | 'rate_limited'
  | 'billing_exhausted'
  | 'auth_failed'
  | 'policy_blocked'
  | 'not_found'
  | 'temporary_error'
  | 'invalid_request'
  | 'client_error';

export interface Failure {
  /** HTTP status, or undefined for a network error / timeout. */
  status?: number;
  timeout?: boolean;
  /** First bytes of the error body (code, type, message), for billing/policy/auth hints. */
  body?: string;
  retryAfter?: string;
}

export interface Classification {
  category: FailureCategory;
  /** Retry the same candidate (with backoff) before moving on. */
  retry: boolean;
  /** Moving to the next candidate is allowed. */
  fallback: boolean;
  /** Cool the candidate down for this long (0: none). */
  cooldownMs: number;
  /** Counts toward the circuit breaker's consecutive failures. */
  countsForCircuit: boolean;
}

const BILLING = /insufficient[_ ]quota|insufficient (balance|credits?|funds)|out of credits|payment required|billing|quota exceeded|credit balance/i;
const POLICY = /moderation|policy[_ ]violation|content[_ ]policy|safety|unsafe|flagged/i;

export function classifyFailure(failure: Failure, settings: RoutingSettings, now: number): Classification {
  const status = failure.status;
  const retryAfter = parseRetryAfter(failure.retryAfter, now);
  const body = (failure.body ?? '').slice(0, 4096);
  const result = (category: FailureCategory, retry: boolean, fallback: boolean, cooldownMs: number): Classification => ({
    category,
    retry,
    fallback,
    cooldownMs,
    countsForCircuit: retry,
  });
  if (status === undefined) return result(failure.timeout ? 'timeout' : 'network_error', true, true, 0);
  if (status === 429) return result('rate_limited', false, true, retryAfter ?? settings.rateLimitCooldownMs);
  if (status === 402) return result('billing_exhausted', false, true, settings.billingCooldownMs);
  if (status === 401) return result('auth_failed', false, true, settings.authCooldownMs);
  if (status === 403) {
    if (BILLING.test(body)) return result('billing_exhausted', false, true, settings.billingCooldownMs);
    if (POLICY.test(body)) return result('policy_blocked', false, settings.allowPolicyFallback, settings.policyCooldownMs);
    return result('auth_failed', false, true, settings.authCooldownMs);
  }
  if (status === 404 || status === 410) return result('not_found', false, true, settings.notFoundCooldownMs);
  if (status === 408 || status === 409 || status >= 500) return result('temporary_error', true, true, retryAfter ?? 0);
  if (status === 400 || status === 413 || status === 422) return result('invalid_request', false, false, 0);
  return result('client_error', false, false, 0);
}

/** Jittered exponential backoff before retry number `attempt` (1-based): base*2^(n-1), capped, x[0.5,1). */
export function retryDelayMs(attempt: number, settings: RoutingSettings, random: () => number): number {
  const raw = Math.min(settings.retryMaxDelayMs, settings.retryBaseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.5 + random() / 2));
}
