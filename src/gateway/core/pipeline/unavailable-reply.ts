/**
 * The answer when no target can be tried now: 429 only when rate limits are the reason
 * (a provider said 429, or a configured bucket is full), else 503 naming each target and
 * why it is out (circuit open or cooling down after failures). Both carry an integer
 * Retry-After.
 */
import type { WireFormat } from '../../../formats/index.js';
import type { Plan } from '../../../routing/plan.js';
import type { RoutingState } from '../../../routing/state/routing-state.js';
import { gatewayError } from '../error-catalog.js';
import { errorReply, type GatewayReply } from './attempt.js';

function reasonOf(state: RoutingState, skipped: Plan['skipped'][number]): { text: string; rateLimit: boolean } {
  if (skipped.reason === 'quota-exhausted') return { text: 'its rate-limit bucket is full', rateLimit: true };
  const last = state.getHealth(skipped.key)?.lastCategory;
  if (skipped.reason === 'circuit-open') return { text: `circuit open after repeated failures${last ? ` (last: ${last})` : ''}`, rateLimit: false };
  if (last === 'rate_limited') return { text: 'rate limited by the provider', rateLimit: true };
  return { text: `cooling down after a failure${last ? ` (${last})` : ''}`, rateLimit: false };
}

export function unavailableReply(client: WireFormat, ref: string, plan: Plan, state: RoutingState, now: number): GatewayReply {
  const waitMs = Math.max(1_000, (plan.earliestRecovery ?? now + 1_000) - now);
  const seconds = Math.min(86_400, Math.ceil(waitMs / 1000));
  const reasons = plan.skipped.map((s) => ({ key: s.key, ...reasonOf(state, s) }));
  const listed = reasons.map((r) => `${r.key}: ${r.text}`).join('; ');
  const error = reasons.some((r) => r.rateLimit)
    ? gatewayError('rate_limited', `every target of "${ref}" is rate limited or out of quota (${listed}); retry after ${seconds} s`)
    : gatewayError('providers_unavailable', `every target of "${ref}" is unavailable (${listed}); retry after ${seconds} s`);
  return errorReply(client, error, { 'retry-after': String(seconds) });
}
