import { smoothWeightedOrder } from './smooth-weighted.js';
import type { Strategy } from './types.js';

/** Interleaved rotation in proportion to the configured weights. */
export const weightedRoundRobin: Strategy = (input) => smoothWeightedOrder(input, input.targets);
