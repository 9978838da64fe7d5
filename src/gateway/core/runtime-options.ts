/**
 * Gateway knobs from the environment (LLM_ROUTER_*), honoured by the local server too —
 * the seed ignored them locally. Parsed once at start-up, with clamps and defaults.
 */
import { envFlag, envInt } from '../../config/env-values.js';

export interface RuntimeOptions {
  upstreamTimeoutMs: number;
  streamIdleTimeoutMs: number;
  maxBodyBytes: number;
  debugRouting: boolean;
  corsOrigins: string[] | '*' | undefined;
  allowedIps: string[] | undefined;
  /** Host names allowed besides loopback ones (DNS-rebinding defence); '*' turns the check off. */
  allowedHosts: string[] | undefined;
  requireAuth: boolean;
  /** GET /metrics without the master key (--metrics-public, LLM_ROUTER_METRICS_PUBLIC). */
  metricsPublic: boolean;
  /** Request bodies being received or handled at once, in bytes, before new ones get 503. */
  maxInflightBodyBytes: number;
  /** Model requests handled at once before new ones get 503. */
  maxConcurrentRequests: number;
}

const MIB = 1024 * 1024;

function list(value: string | undefined): string[] | undefined {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

export function runtimeOptionsFromEnv(env: Record<string, string | undefined>, overrides: Partial<RuntimeOptions> = {}): RuntimeOptions {
  const origins = list(env.LLM_ROUTER_CORS_ALLOWED_ORIGINS ?? env.LLM_ROUTER_ALLOWED_ORIGINS);
  const ips = list(env.LLM_ROUTER_ALLOWED_IPS ?? env.LLM_ROUTER_IP_ALLOWLIST);
  const maxBodyBytes = envInt(env.LLM_ROUTER_MAX_REQUEST_BODY_BYTES, 32 * MIB, 4 * 1024, 512 * MIB);
  return {
    upstreamTimeoutMs: envInt(env.LLM_ROUTER_UPSTREAM_TIMEOUT_MS, 60_000, 1_000, 600_000),
    streamIdleTimeoutMs: envInt(env.LLM_ROUTER_STREAM_IDLE_TIMEOUT_MS, 300_000, 1_000, 3_600_000),
    maxBodyBytes,
    debugRouting: envFlag(env.LLM_ROUTER_DEBUG_ROUTING) || envFlag(env.LLM_ROUTER_DEBUG),
    corsOrigins: envFlag(env.LLM_ROUTER_CORS_ALLOW_ALL) || origins?.includes('*') ? '*' : origins,
    allowedIps: ips?.includes('*') ? undefined : ips,
    allowedHosts: list(env.LLM_ROUTER_ALLOWED_HOSTS),
    requireAuth: true,
    metricsPublic: envFlag(env.LLM_ROUTER_METRICS_PUBLIC),
    // Room for two bodies of the largest size at once by default (a JSON body takes several times its size in memory).
    maxInflightBodyBytes: envInt(env.LLM_ROUTER_MAX_INFLIGHT_BODY_BYTES, Math.max(64 * MIB, 2 * maxBodyBytes), 64 * 1024, 4096 * MIB),
    maxConcurrentRequests: envInt(env.LLM_ROUTER_MAX_CONCURRENT_REQUESTS, 256, 1, 100_000),
    ...overrides,
  };
}
