/**
 * A model request: resolve the route, plan it (strategy, tiers, cooldowns, rate-limit
 * buckets), then execute the plan. Each try reserves its bucket slots first (released
 * unless the provider accepts). A failure before any output is classified and the
 * after-failure decision (routing/after-failure.ts) says: retry the candidate with
 * backoff, go on to the next, or answer with it; the candidate's health is recorded once
 * it is done with. When every target is out, wait for the earliest recovery if it is
 * near, else answer 429 (rate limits) or 503 (failures) with Retry-After.
 */
import { CodecError, UnsupportedContentError, customToolNames, type Usage, type WireFormat } from '../../../formats/index.js';
import type { Config } from '../../../config/schema.js';
import { decideAfterFailure, recordsHealth, triesFor } from '../../../routing/after-failure.js';
import { bucketsFor, bucketsFullUntil, reserve, type BucketRule } from '../../../routing/buckets.js';
import { classifyFailure } from '../../../routing/classify-failure.js';
import { recordFailure, recordSuccess } from '../../../routing/health.js';
import { planRoute, type Plan, type PlanTarget } from '../../../routing/plan.js';
import { mergeUsage } from '../../../formats/usage.js';
import type { RequestRecord } from '../observe/request-record.js';
import type { RequestBody } from '../request-body.js';
import type { AbortLike, UpstreamSend } from '../../../upstream/types.js';
import { gatewayError } from '../error-catalog.js';
import type { RoutingRuntime } from '../routing-runtime.js';
import type { RuntimeOptions } from '../runtime-options.js';
import { attempt, errorReply, type AttemptContext, type AttemptResult, type GatewayReply } from './attempt.js';
import { resolveCandidates, type Candidate, type CandidatePlan } from './candidates.js';
import { debugHeaders, emptyTrace, type RequestTrace } from './request-trace.js';
import { unavailableReply } from './unavailable-reply.js';
import { LazyCanonical, prepareCall, wantsStreamUsage, type PreparedCall } from './upstream-call.js';

export type { GatewayReply } from './attempt.js';

export interface GatewayContext {
  getConfig: () => Config;
  env: Record<string, string | undefined>;
  options: RuntimeOptions;
  send: UpstreamSend;
  routing: RoutingRuntime;
  /** Unix seconds. */
  now: () => number;
  /** Told about every upstream attempt (the daemon keeps per-provider counters). */
  observe?: (providerId: string, ok: boolean) => void;
  /** Told about every finished model request (request log, metrics); called after the response is done. */
  onRecord?: (record: RequestRecord) => void;
  /** Told when a model request starts and when its response is done (in-flight gauge). */
  inflight?: { started(): void; finished(): void };
}

export interface ModelRequest {
  client: WireFormat;
  /** Read as far as needed: parsed whole only for a translation (request-body.ts). */
  body: RequestBody;
  headers: Record<string, string | string[] | undefined>;
  signal: AbortLike;
  /** performance.now() when the request arrived. */
  startedAt: number;
  /** Filled as the request goes (the caller keeps it for a record when the client leaves mid-way). */
  trace?: RequestTrace;
}

/** The reply, and what happened on the way (for logs and metrics). */
export type ModelReply = GatewayReply & { trace: RequestTrace };

function bucketRules(candidate: Candidate): BucketRule[] {
  const rules = (candidate.provider.rateLimits ?? []).map((b) => ({
    providerId: candidate.provider.id,
    id: b.id,
    models: b.models,
    requests: b.requests,
    window: b.window,
  }));
  return bucketsFor(rules, candidate.provider.id, candidate.model.id);
}

/** What the planner takes for a resolution, derived once per resolution (resolutions are cached per config). */
interface PlanTargets {
  targets: PlanTarget[];
  byKey: Map<string, Candidate>;
  keys: string[];
}
const planTargets = new WeakMap<Readonly<CandidatePlan>, PlanTargets>();

function targetsOf(resolved: Readonly<CandidatePlan>): PlanTargets {
  let known = planTargets.get(resolved);
  if (!known) {
    const byKey = new Map(resolved.candidates.map((c) => [c.ref, c]));
    const targets = resolved.candidates.map((c) => ({ key: c.ref, weight: c.weight, tier: c.tier, buckets: bucketRules(c) }));
    known = { targets, byKey, keys: [...byKey.keys()] };
    planTargets.set(resolved, known);
  }
  return known;
}

/** Plans the request; a shared state store first refreshes what the plan reads (one round trip). */
async function planFor(resolved: Readonly<CandidatePlan>, rt: RoutingRuntime): Promise<{ plan: Plan; byKey: Map<string, Candidate> }> {
  const { targets, byKey, keys } = targetsOf(resolved);
  const state = rt.state.sync ? await rt.state.sync({ route: resolved.route, strategy: resolved.strategy, candidates: keys }) : rt.state;
  return { plan: planRoute({ route: resolved.route, strategy: resolved.strategy, targets, state, now: rt.clock() }), byKey };
}

const providerName = (c: Candidate) => c.provider.name ?? c.provider.id;

/** The reply to give when this failure is the last word: a provider refusing our configured key is not the client's auth error. */
function failureReply(client: WireFormat, candidate: Candidate, result: Extract<AttemptResult, { kind: 'failure' }>, category: string): GatewayReply {
  if (category !== 'auth_failed') return result.reply;
  const message =
    `provider "${providerName(candidate)}" (${candidate.ref}) rejected the API key llm-router is configured to send it (HTTP ${result.failure.status ?? '?'}: ` +
    `${result.detail}); check its apiKey / apiKeyEnv in the llm-router config`;
  return errorReply(client, gatewayError('provider_auth_failed', message));
}

export async function handleModelRequest(ctx: GatewayContext, req: ModelRequest): Promise<ModelReply> {
  const rt = ctx.routing;
  const trace = req.trace ?? emptyTrace();
  let upstreamMs = 0;
  const finish = (reply: GatewayReply): ModelReply => {
    const headers: Record<string, string> = { ...reply.headers, 'x-llm-router-overhead-ms': (performance.now() - req.startedAt - upstreamMs).toFixed(2) };
    if (ctx.options.debugRouting) Object.assign(headers, debugHeaders(trace));
    return { ...reply, headers, trace };
  };
  const resolved = resolveCandidates(ctx.getConfig(), typeof req.body.model === 'string' ? req.body.model : undefined, req.client);
  if ('error' in resolved) return finish(errorReply(req.client, resolved.error));
  trace.route = resolved.ref;
  trace.strategy = resolved.strategy;
  let { plan, byKey } = await planFor(resolved, rt);
  if (plan.attempts.length === 0 && plan.earliestRecovery !== undefined && plan.earliestRecovery - rt.clock() <= rt.settings.maxWaitForRecoveryMs) {
    const waitMs = Math.max(0, plan.earliestRecovery - rt.clock());
    await rt.sleep(waitMs, req.signal);
    trace.waitedMs = waitMs;
    ({ plan, byKey } = await planFor(resolved, rt));
  }
  trace.skipped.push(...resolved.skipped, ...plan.skipped.map((s) => `${s.key}:${s.reason}`));
  if (plan.attempts.length === 0) return finish(unavailableReply(req.client, resolved.ref, plan, rt.state, rt.clock()));
  const canonical = new LazyCanonical(req.client, req.body);
  const actx: AttemptContext = {
    send: ctx.send,
    client: req.client,
    stream: req.body.stream === true,
    includeUsage: req.client !== 'openai-chat' || wantsStreamUsage(req.body.streamOptions),
    signal: req.signal,
    headersTimeoutMs: ctx.options.upstreamTimeoutMs,
    idleTimeoutMs: ctx.options.streamIdleTimeoutMs,
    now: ctx.now,
    upstreamTime: (ms) => {
      upstreamMs += ms;
    },
    // Usage is read only for someone who records it (the Worker has no request log).
    ...(ctx.onRecord
      ? {
          onUsage: (usage: Partial<Usage>) => {
            trace.usage = mergeUsage(trace.usage, usage);
          },
        }
      : {}),
    ...(ctx.onRecord
      ? {
          onStreamError: (message: string) => {
            trace.streamError = message.slice(0, 300);
          },
        }
      : {}),
  };
  let lastError: GatewayReply | undefined;
  const refused: UnsupportedContentError[] = [];
  const quotaSkipped: Plan['skipped'] = [];
  for (const [position, target] of plan.attempts.entries()) {
    const candidate = byKey.get(target.key);
    if (!candidate) continue;
    let call: PreparedCall | undefined;
    try {
      call = prepareCall(candidate, req.client, req.body, canonical, req.headers, ctx.env, ctx.onRecord !== undefined);
    } catch (err) {
      if (err instanceof UnsupportedContentError) {
        refused.push(err);
        trace.attempts.push({ candidate: target.key, try: 1, label: 'unsupported-content', decision: 'next', durationMs: 0 });
        continue;
      }
      if (err instanceof CodecError) return finish(errorReply(req.client, err.error));
      throw err;
    }
    if (!call) {
      trace.attempts.push({ candidate: target.key, try: 1, label: 'no-url', decision: 'next', durationMs: 0 });
      continue;
    }
    trace.warnings = call.warnings;
    if (!call.passthrough && req.client === 'openai-responses') actx.customTools = customToolNames(canonical.get());
    const maxTries = triesFor(position, rt.settings);
    for (let n = 1; n <= maxTries; n += 1) {
      const slot = await reserve(rt.state, target.buckets, rt.clock());
      if (!slot) {
        // Another request (or, with shared state, another instance) took the last slot since planning.
        trace.skipped.push(`${target.key}:quota-exhausted`);
        quotaSkipped.push({ key: target.key, reason: 'quota-exhausted', until: bucketsFullUntil(rt.state, target.buckets, rt.clock()) });
        break;
      }
      const startedAt = performance.now();
      let result: AttemptResult | undefined;
      try {
        result = await attempt(actx, call, { ref: target.key, provider: providerName(candidate) });
      } finally {
        // Only requests the provider accepted count against its caps (also when the client went away).
        if (result?.kind !== 'success') slot.release();
      }
      ctx.observe?.(candidate.provider.id, result.kind === 'success');
      const durationMs = performance.now() - startedAt;
      if (result.kind === 'success') {
        trace.attempts.push({ candidate: target.key, try: n, label: result.label, decision: 'success', durationMs });
        trace.selected = target.key;
        trace.firstOutputMs = performance.now() - req.startedAt;
        recordSuccess(rt.state, target.key);
        rt.state.recordLatency(target.key, result.latencyMs);
        return finish(result.reply);
      }
      const verdict = classifyFailure(result.failure, rt.settings, rt.clock());
      const decision = decideAfterFailure(verdict, { tryNumber: n, maxTries }, rt.settings, rt.random);
      trace.attempts.push({ candidate: target.key, try: n, label: result.label, category: verdict.category, decision: decision.action, durationMs });
      lastError = failureReply(req.client, candidate, result, verdict.category);
      if (recordsHealth(decision)) recordFailure(rt.state, target.key, verdict, rt.settings, rt.clock());
      if (decision.action === 'answer') return finish(lastError);
      if (decision.action === 'next') break;
      await rt.sleep(decision.delayMs, req.signal);
    }
  }
  if (!lastError && !refused[0] && quotaSkipped.length > 0) {
    const skipped = [...plan.skipped, ...quotaSkipped];
    return finish(
      unavailableReply(req.client, resolved.ref, { attempts: [], skipped, earliestRecovery: Math.min(...skipped.map((s) => s.until)) }, rt.state, rt.clock()),
    );
  }
  if (!lastError && refused[0]) {
    const names = plan.attempts.map((t) => t.key).join(', ');
    const first = refused[0];
    return finish(
      errorReply(
        req.client,
        gatewayError(
          'unsupported_content',
          `${first.origin} (${first.what}) cannot be sent to ${names}: no candidate's format can take it, and it is all that turn contains`,
          first.origin,
        ),
      ),
    );
  }
  return finish(
    lastError ??
      errorReply(
        req.client,
        gatewayError(
          'no_usable_target',
          `no target of "${resolved.ref}" could be called (${trace.attempts.map((a) => `${a.candidate}:${a.label}`).join(', ')})`,
        ),
      ),
  );
}
