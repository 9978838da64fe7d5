import type { Strategy } from './types.js';

/** Rotates evenly through the available targets; the cursor persists per route. */
export const roundRobin: Strategy = ({ route, targets, state }) => {
  if (targets.length === 0) return [];
  const next = state.getCursor(route)?.next ?? 0;
  const start = next % targets.length;
  state.setCursor(route, { next: (start + 1) % targets.length });
  return [...targets.slice(start), ...targets.slice(0, start)].map((t) => t.key);
};
