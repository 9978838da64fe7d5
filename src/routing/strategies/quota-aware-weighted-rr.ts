import { smoothWeightedOrder } from './smooth-weighted.js';
import type { Strategy } from './types.js';

/** Weights scaled by each target's remaining rate-limit capacity (stable: the scores persist). */
export const quotaAwareWeightedRoundRobin: Strategy = (input) =>
  smoothWeightedOrder(
    input,
    input.targets.map((t) => ({ key: t.key, weight: t.weight * input.capacity(t.key) })),
  );
