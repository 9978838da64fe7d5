/** Routing knobs (LLM_ROUTER_*), with the seed's names and defaults. */
import { envFlag, envInt } from '../config/env-values.js';

export interface RoutingSettings {
  originRetryAttempts: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  circuitFailures: number;
  circuitCooldownMs: number;
  rateLimitCooldownMs: number;
  authCooldownMs: number;
  billingCooldownMs: number;
  notFoundCooldownMs: number;
  policyCooldownMs: number;
  allowPolicyFallback: boolean;
  /** Wait this long at most for the earliest cooling-down target before answering 429. */
  maxWaitForRecoveryMs: number;
}

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  originRetryAttempts: 3,
  retryBaseDelayMs: 250,
  retryMaxDelayMs: 3_000,
  circuitFailures: 2,
  circuitCooldownMs: 30_000,
  rateLimitCooldownMs: 30_000,
  authCooldownMs: 600_000,
  billingCooldownMs: 900_000,
  notFoundCooldownMs: 45_000,
  policyCooldownMs: 120_000,
  allowPolicyFallback: false,
  maxWaitForRecoveryMs: 10_000,
};

export function routingSettingsFromEnv(env: Record<string, string | undefined>): RoutingSettings {
  const d = DEFAULT_ROUTING_SETTINGS;
  return {
    originRetryAttempts: envInt(env.LLM_ROUTER_ORIGIN_RETRY_ATTEMPTS, d.originRetryAttempts, 1, 10),
    retryBaseDelayMs: envInt(env.LLM_ROUTER_ORIGIN_RETRY_BASE_DELAY_MS, d.retryBaseDelayMs, 0, 60_000),
    retryMaxDelayMs: envInt(env.LLM_ROUTER_ORIGIN_RETRY_MAX_DELAY_MS, d.retryMaxDelayMs, 0, 300_000),
    circuitFailures: envInt(env.LLM_ROUTER_FALLBACK_CIRCUIT_FAILURES, d.circuitFailures, 0, 100),
    circuitCooldownMs: envInt(env.LLM_ROUTER_FALLBACK_CIRCUIT_COOLDOWN_MS, d.circuitCooldownMs, 0, 86_400_000),
    rateLimitCooldownMs: envInt(env.LLM_ROUTER_RATE_LIMIT_COOLDOWN_MS, d.rateLimitCooldownMs, 0, 86_400_000),
    authCooldownMs: envInt(env.LLM_ROUTER_AUTH_COOLDOWN_MS, d.authCooldownMs, 0, 86_400_000),
    billingCooldownMs: envInt(env.LLM_ROUTER_BILLING_COOLDOWN_MS, d.billingCooldownMs, 0, 86_400_000),
    notFoundCooldownMs: envInt(env.LLM_ROUTER_ORIGIN_FALLBACK_COOLDOWN_MS, d.notFoundCooldownMs, 0, 86_400_000),
    policyCooldownMs: envInt(env.LLM_ROUTER_POLICY_COOLDOWN_MS, d.policyCooldownMs, 0, 86_400_000),
    allowPolicyFallback: envFlag(env.LLM_ROUTER_ALLOW_POLICY_FALLBACK),
    maxWaitForRecoveryMs: envInt(env.LLM_ROUTER_MAX_WAIT_FOR_RECOVERY_MS, d.maxWaitForRecoveryMs, 0, 60_000),
  };
}
