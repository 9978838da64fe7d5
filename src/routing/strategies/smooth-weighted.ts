/**
 * Smooth weighted round-robin (as in nginx): each pick adds every weight to its running
 * score, takes the highest, and subtracts the total from it. Picks interleave in exact
 * proportion (3:1:2 -> a,c,a,b,c,a ...) and the scores persist in the route cursor.
 */
import type { StrategyInput, WeightedTarget } from './types.js';

export function smoothWeightedOrder(input: StrategyInput, weights: readonly WeightedTarget[]): string[] {
  const usable = weights.filter((t) => t.weight > 0);
  if (usable.length === 0) return input.targets.map((t) => t.key);
  const previous = input.state.getCursor(input.route) ?? {};
  const scores: Record<string, number> = {};
  let total = 0;
  let best: WeightedTarget | undefined;
  for (const t of usable) {
    scores[t.key] = (previous[t.key] ?? 0) + t.weight;
    total += t.weight;
    if (!best || (scores[t.key] ?? 0) > (scores[best.key] ?? 0)) best = t;
  }
  if (!best) return [];
  scores[best.key] = (scores[best.key] ?? 0) - total;
  input.state.setCursor(input.route, scores);
  return [best.key, ...input.targets.map((t) => t.key).filter((k) => k !== best.key)];
}
