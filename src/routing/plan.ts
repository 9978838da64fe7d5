/**
 * Decide, then execute: the planner turns a route's targets plus the routing state into
 * an ordered list of attempts (data), the skipped targets with reasons, and - when
 * nothing is available - when the earliest one recovers. The primary tier always comes
 * first; the fallback tier is only reached once every primary is unavailable or has
 * failed, so it never takes primary traffic. Pure over the state store.
 */
import type { Strategy as StrategyName } from '../config/schema.js';
import { bucketsFullUntil, hasRoom, remainingRatio, type BucketRule } from './buckets.js';
import { availability } from './health.js';
import type { RoutingState } from './state/routing-state.js';
import { STRATEGIES } from './strategies/index.js';

export interface PlanTarget {
  key: string;
  weight: number;
  tier: 'primary' | 'fallback';
  buckets: readonly BucketRule[];
}

export interface SkippedTarget {
  key: string;
  reason: 'cooldown' | 'circuit-open' | 'quota-exhausted';
  until: number;
}

export interface Plan {
  attempts: PlanTarget[];
  skipped: SkippedTarget[];
  /** When no target is available: the earliest time one becomes available again. */
  earliestRecovery?: number;
}

export interface PlanInput {
  route: string;
  strategy: StrategyName;
  targets: readonly PlanTarget[];
  state: RoutingState;
  now: number;
}

export function planRoute(input: PlanInput): Plan {
  const { state, now } = input;
  const attempts: PlanTarget[] = [];
  const skipped: SkippedTarget[] = [];
  for (const tier of ['primary', 'fallback'] as const) {
    const eligible: PlanTarget[] = [];
    for (const target of input.targets) {
      if (target.tier !== tier) continue;
      const down = availability(state, target.key, now);
      if (down) skipped.push({ key: target.key, ...down });
      else if (!hasRoom(state, target.buckets, now))
        skipped.push({ key: target.key, reason: 'quota-exhausted', until: bucketsFullUntil(state, target.buckets, now) });
      else eligible.push(target);
    }
    if (eligible.length === 0) continue;
    // Ordered needs nothing else of the state: the eligible targets in config order (a direct ref, most often one).
    if (input.strategy === 'ordered') {
      attempts.push(...eligible);
      continue;
    }
    const byKey = new Map(eligible.map((t) => [t.key, t]));
    const latencies = eligible.map((t) => state.getLatency(t.key)).filter((ms): ms is number => ms !== undefined && ms > 0);
    const fastest = latencies.length > 0 ? Math.min(...latencies) : undefined;
    const order = STRATEGIES[input.strategy]({
      route: `${input.route}#${tier}`,
      targets: eligible.map((t) => ({ key: t.key, weight: t.weight })),
      state,
      capacity: (key) => remainingRatio(state, byKey.get(key)?.buckets ?? [], now),
      health: (key) => 1 / (1 + 0.5 * (state.getHealth(key)?.consecutiveFailures ?? 0)),
      speed: (key) => {
        const ms = state.getLatency(key);
        return fastest === undefined || ms === undefined || ms <= 0 ? 1 : Math.sqrt(fastest / ms);
      },
    });
    for (const key of order) {
      const target = byKey.get(key);
      if (target) attempts.push(target);
    }
  }
  const plan: Plan = { attempts, skipped };
  if (attempts.length === 0 && skipped.length > 0) plan.earliestRecovery = Math.min(...skipped.map((s) => s.until));
  return plan;
}
