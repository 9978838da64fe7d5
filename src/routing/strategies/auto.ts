import { smoothWeightedOrder } from './smooth-weighted.js';
import type { Strategy } from './types.js';

/**
 * auto: weight x remaining quota x health x speed. Targets cooling down or with an open
 * circuit never get here (the planner skips them); recent retryable failures lower a
 * target's share until it succeeds again; a target slower than the fastest (smoothed
 * time to first output) gets sqrt(fastest / its latency) of its share.
 */
export const auto: Strategy = (input) =>
  smoothWeightedOrder(
    input,
    input.targets.map((t) => ({ key: t.key, weight: t.weight * input.capacity(t.key) * input.health(t.key) * input.speed(t.key) })),
  );
