/**
 * A model request: resolve the route, plan it (strategy, tiers, cooldowns, rate-limit
 * buckets), then execute the plan. Each attempt reserves its bucket slots first (released
 * unless the provider accepts). A failure before any output is classified: retry the
 * origin with jittered backoff, fall back to the next target, or return as it is; the
 * candidate's health records it. When every target is cooling down, wait for the
 * earliest recovery if it is near, else answer 429 with Retry-After.
 */
import { CodecError, type WireFormat } from '../../formats/index.js';
import type { Config } from '../../config/schema.js';
import { bucketsFor, reserve, type BucketRule } from '../../routing/buckets.js';
import { classifyFailure, retryDelayMs } from '../../routing/classify-failure.js';
import { availability, recordFailure, recordSuccess } from '../../routing/health.js';
import { planRoute, type Plan } from '../../routing/plan.js';
import type { UpstreamSend } from '../../upstream/client.js';
import type { RoutingRuntime } from '../routing-runtime.js';
import type { RuntimeOptions } from '../runtime-options.js';
import { attempt, errorReply, type AttemptContext, type GatewayReply } from './attempt.js';
import { resolveCandidates, type Candidate, type CandidatePlan } from './candidates.js';
import { LazyCanonical, prepareCall } from './upstream-call.js';

export type { GatewayReply } from './attempt.js';

export interface GatewayContext {
  getConfig: () => Config;
  env: NodeJS.ProcessEnv;
  options: RuntimeOptions;
  send: UpstreamSend;
  routing: RoutingRuntime;
  /** Unix seconds. */
  now: () => number;
  /** Told about every upstream attempt (the daemon keeps per-provider counters). */
  observe?: (providerId: string, ok: boolean) => void;
}

export interface ModelRequest {
  client: WireFormat;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  signal: AbortSignal;
  /** performance.now() when the request arrived. */
  startedAt: number;
}

function bucketRules(candidate: Candidate): BucketRule[] {
  const rules = (candidate.provider.rateLimits ?? []).map((b) => ({ providerId: candidate.provider.id, id: b.id, models: b.models, requests: b.requests, window: b.window }));
  return bucketsFor(rules, candidate.provider.id, candidate.model.id);
}

function planFor(resolved: CandidatePlan, rt: RoutingRuntime): { plan: Plan; byKey: Map<string, Candidate> } {
  const byKey = new Map(resolved.candidates.map((c) => [c.ref, c]));
  const targets = resolved.candidates.map((c) => ({ key: c.ref, weight: c.weight, tier: c.tier, buckets: bucketRules(c) }));
  return { plan: planRoute({ route: resolved.route, strategy: resolved.strategy, targets, state: rt.state, now: rt.clock() }), byKey };
}

function wantsStreamUsage(body: Record<string, unknown>): boolean {
  const options = body.stream_options;
  return typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true;
}

export async function handleModelRequest(ctx: GatewayContext, req: ModelRequest): Promise<GatewayReply> {
  const rt = ctx.routing;
  const resolved = resolveCandidates(ctx.getConfig(), typeof req.body.model === 'string' ? req.body.model : undefined, req.client);
  if ('error' in resolved) return errorReply(req.client, resolved.error);
  let { plan, byKey } = planFor(resolved, rt);
  if (plan.attempts.length === 0 && plan.earliestRecovery !== undefined && plan.earliestRecovery - rt.clock() <= rt.settings.maxWaitForRecoveryMs) {
    await rt.sleep(Math.max(0, plan.earliestRecovery - rt.clock()), req.signal);
    ({ plan, byKey } = planFor(resolved, rt));
  }
  const attempts: string[] = [];
  const skipped = [...resolved.skipped, ...plan.skipped.map((s) => `${s.key}:${s.reason}`)];
  let upstreamMs = 0;
  const headers = (selected?: string): Record<string, string> => {
    const out: Record<string, string> = { 'x-llm-router-overhead-ms': (performance.now() - req.startedAt - upstreamMs).toFixed(2) };
    if (ctx.options.debugRouting) {
      out['x-llm-router-route-ref'] = resolved.ref;
      out['x-llm-router-route-strategy'] = resolved.strategy;
      if (selected) out['x-llm-router-selected-candidate'] = selected;
      out['x-llm-router-attempts'] = attempts.slice(0, 8).join(',').slice(0, 512);
      if (skipped.length > 0) out['x-llm-router-skipped-candidates'] = skipped.slice(0, 8).join(',').slice(0, 512);
    }
    return out;
  };
  const finish = (reply: GatewayReply, selected?: string): GatewayReply => ({ ...reply, headers: { ...reply.headers, ...headers(selected) } });
  if (plan.attempts.length === 0) {
    const waitMs = Math.max(1_000, (plan.earliestRecovery ?? rt.clock() + 1_000) - rt.clock());
    const reply = errorReply(req.client, { status: 429, kind: 'rate_limit', message: `every target of "${resolved.ref}" is cooling down or out of quota (${skipped.join(', ')}); retry after ${Math.ceil(waitMs / 1000)} s` }, { 'retry-after': String(Math.ceil(waitMs / 1000)) });
    return finish(reply);
  }
  const canonical = new LazyCanonical(req.client, req.body);
  const actx: AttemptContext = {
    send: ctx.send,
    client: req.client,
    stream: req.body.stream === true,
    includeUsage: req.client !== 'openai-chat' || wantsStreamUsage(req.body),
    signal: req.signal,
    headersTimeoutMs: ctx.options.upstreamTimeoutMs,
    idleTimeoutMs: ctx.options.streamIdleTimeoutMs,
    now: ctx.now,
    upstreamTime: (ms) => {
      upstreamMs += ms;
    },
  };
  let lastError: GatewayReply | undefined;
  for (const [index, target] of plan.attempts.entries()) {
    const candidate = byKey.get(target.key);
    if (!candidate) continue;
    let call;
    try {
      call = prepareCall(candidate, req.client, req.body, canonical, req.headers, ctx.env);
    } catch (err) {
      if (err instanceof CodecError) return finish(errorReply(req.client, err.error));
      throw err;
    }
    if (!call) {
      attempts.push(`${target.key}:no-url`);
      continue;
    }
    const tries = index === 0 ? rt.settings.originRetryAttempts : 1;
    for (let n = 1; n <= tries; n += 1) {
      const slot = await reserve(rt.state, target.buckets, rt.clock());
      if (!slot) {
        skipped.push(`${target.key}:quota-exhausted`);
        break;
      }
      const result = await attempt(actx, call, target.key);
      ctx.observe?.(candidate.provider.id, result.kind === 'success');
      attempts.push(`${target.key}:${result.label}${n > 1 ? `#${n}` : ''}`);
      if (result.kind === 'success') {
        recordSuccess(rt.state, target.key);
        rt.state.recordLatency(target.key, result.latencyMs);
        return finish(result.reply, target.key);
      }
      slot.release(); // only requests the provider accepted count against its caps
      lastError = result.reply;
      const verdict = classifyFailure(result.failure, rt.settings, rt.clock());
      recordFailure(rt.state, target.key, verdict, rt.settings, rt.clock());
      if (!verdict.fallback && !verdict.retry) return finish(result.reply);
      const open = availability(rt.state, target.key, rt.clock())?.reason === 'circuit-open';
      if (!verdict.retry || n === tries || open) {
        if (!verdict.fallback) return finish(result.reply);
        break;
      }
      await rt.sleep(retryDelayMs(n, rt.settings, rt.random), req.signal);
    }
  }
  return finish(lastError ?? errorReply(req.client, { status: 503, kind: 'overloaded', message: `no target of "${resolved.ref}" could be called` }));
}
