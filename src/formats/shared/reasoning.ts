/** Reasoning effort <-> thinking budget, shared by every format pair. */
import type { ReasoningConfig, ReasoningEffort } from '../canonical/types.js';

const EFFORTS: Record<string, ReasoningEffort> = {
  none: 'none',
  off: 'none',
  disabled: 'none',
  minimal: 'minimal',
  low: 'low',
  medium: 'medium',
  normal: 'medium',
  default: 'medium',
  high: 'high',
  xhigh: 'xhigh',
  max: 'xhigh',
  'extra-high': 'xhigh',
};

export function normalizeEffort(value: unknown): ReasoningEffort | undefined {
  return typeof value === 'string' ? EFFORTS[value.trim().toLowerCase()] : undefined;
}

/** OpenAI-style effort for a thinking budget (relative to max tokens when known). */
export function effortFromBudget(budget: number, maxTokens: number | undefined): ReasoningEffort {
  if (maxTokens && maxTokens > 0) {
    const ratio = budget / maxTokens;
    if (ratio >= 0.9) return 'xhigh';
    if (ratio >= 0.65) return 'high';
    if (ratio >= 0.3) return 'medium';
    return 'low';
  }
  if (budget >= 24_000) return 'high';
  if (budget >= 6_000) return 'medium';
  return 'low';
}

export const MIN_THINKING_BUDGET = 1024;
const SHARE: Record<string, number> = { minimal: 0.1, low: 0.2, medium: 0.45, high: 0.75, xhigh: 0.9 };

/**
 * Anthropic thinking for a reasoning config: the budget and the max_tokens that leaves
 * room for it (Anthropic needs 1024 <= budget < max_tokens). Undefined means no thinking.
 */
export function thinkingFor(reasoning: ReasoningConfig, maxTokens: number): { budget: number; maxTokens: number } | undefined {
  if (!reasoning.enabled || reasoning.effort === 'none') return undefined;
  let budget = reasoning.budgetTokens ?? Math.round(maxTokens * (SHARE[reasoning.effort ?? 'medium'] ?? 0.45));
  budget = Math.max(MIN_THINKING_BUDGET, budget);
  return { budget, maxTokens: budget < maxTokens ? maxTokens : budget + Math.max(MIN_THINKING_BUDGET, maxTokens) };
}
