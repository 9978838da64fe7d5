import type { RoutingState } from '../state/routing-state.js';

export interface WeightedTarget {
  key: string;
  weight: number;
}

export interface StrategyInput {
  /** Cursor key of this route (alias + tier + client format). */
  route: string;
  /** Eligible targets in config order. */
  targets: readonly WeightedTarget[];
  state: RoutingState;
  /** Remaining rate-limit capacity of a target, 0..1. */
  capacity: (key: string) => number;
  /** Health factor of a target, 0..1 (1 = no recent failures). */
  health: (key: string) => number;
  /** Speed factor of a target, 0..1 (1 = the fastest known, or not measured yet). */
  speed: (key: string) => number;
}

/** Returns the target keys in the order to try them; the first is this request's pick. */
export type Strategy = (input: StrategyInput) => string[];
