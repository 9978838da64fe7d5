/** Candidate health: cooldowns and a circuit breaker after consecutive retryable failures. Pure over the state store. */
import type { Classification } from './classify-failure.js';
import type { RoutingSettings } from './settings.js';
import type { CandidateHealth, RoutingState } from './state/routing-state.js';

export type Unavailable = { reason: 'cooldown' | 'circuit-open'; until: number };

export function availability(state: RoutingState, candidate: string, now: number): Unavailable | undefined {
  const health = state.getHealth(candidate);
  if (!health) return undefined;
  if (health.circuitOpenUntil > now) return { reason: 'circuit-open', until: health.circuitOpenUntil };
  if (health.cooldownUntil > now) return { reason: 'cooldown', until: health.cooldownUntil };
  return undefined;
}

export function recordSuccess(state: RoutingState, candidate: string): void {
  if (state.getHealth(candidate)) state.setHealth(candidate, undefined);
}

export function recordFailure(
  state: RoutingState,
  candidate: string,
  failure: Classification,
  settings: RoutingSettings,
  now: number,
): CandidateHealth | undefined {
  if (!failure.countsForCircuit && failure.cooldownMs === 0) return state.getHealth(candidate);
  const previous = state.getHealth(candidate) ?? { consecutiveFailures: 0, cooldownUntil: 0, circuitOpenUntil: 0 };
  const next: CandidateHealth = {
    consecutiveFailures: failure.countsForCircuit ? previous.consecutiveFailures + 1 : 0,
    cooldownUntil: Math.max(previous.cooldownUntil, now + failure.cooldownMs),
    circuitOpenUntil: previous.circuitOpenUntil,
    lastFailureAt: now,
    lastCategory: failure.category,
  };
  if (settings.circuitFailures > 0 && next.consecutiveFailures >= settings.circuitFailures) {
    next.circuitOpenUntil = now + settings.circuitCooldownMs;
    next.consecutiveFailures = 0;
  }
  state.setHealth(candidate, next);
  return next;
}
