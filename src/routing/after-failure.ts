/**
 * Decide, then execute: after a failed try of a candidate, what the attempt loop does next,
 * as data. Retryable failures retry the same candidate (with jittered backoff) until its
 * tries are used up; then, or for a failure that is not worth retrying, the loop moves to
 * the next candidate when falling back is allowed, else it answers with this failure.
 * The circuit breaker and cooldowns are recorded once per failed candidate, not per try
 * (see `recordsHealth`), so retries within one request never open the circuit. Pure.
 */
import { retryDelayMs, type Classification } from './classify-failure.js';
import type { RoutingSettings } from './settings.js';

export type AfterFailure = { action: 'retry'; delayMs: number } | { action: 'next' } | { action: 'answer' };

export interface TryState {
  /** 1-based number of the try that just failed. */
  tryNumber: number;
  /** Tries this candidate gets in this request. */
  maxTries: number;
}

export function decideAfterFailure(verdict: Classification, tries: TryState, settings: RoutingSettings, random: () => number): AfterFailure {
  if (verdict.retry && tries.tryNumber < tries.maxTries) return { action: 'retry', delayMs: retryDelayMs(tries.tryNumber, settings, random) };
  return verdict.fallback ? { action: 'next' } : { action: 'answer' };
}

/** Whether this outcome is the candidate's last word in this request (so its health is recorded now). */
export function recordsHealth(decision: AfterFailure): boolean {
  return decision.action !== 'retry';
}

/** Tries a candidate gets: the first candidate of a route is retried, later ones are tried once. */
export function triesFor(position: number, settings: RoutingSettings): number {
  return position === 0 ? settings.originRetryAttempts : 1;
}
