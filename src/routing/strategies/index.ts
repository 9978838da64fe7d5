import type { Strategy as StrategyName } from '../../config/schema.js';
import { auto } from './auto.js';
import { ordered } from './ordered.js';
import { quotaAwareWeightedRoundRobin } from './quota-aware-weighted-rr.js';
import { roundRobin } from './round-robin.js';
import type { Strategy } from './types.js';
import { weightedRoundRobin } from './weighted-rr.js';

export const STRATEGIES: Record<StrategyName, Strategy> = {
  auto,
  ordered,
  'round-robin': roundRobin,
  'weighted-rr': weightedRoundRobin,
  'quota-aware-weighted-rr': quotaAwareWeightedRoundRobin,
};
