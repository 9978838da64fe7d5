/**
 * POST /v1/messages/count_tokens, resolved like a message request: when the target the
 * route would use first speaks Anthropic, its own count_tokens answers (exact); otherwise,
 * or when that provider has none, a local estimate (formats/count-tokens.ts) that yields
 * to the event loop while it works. `x-llm-router-token-count` says which it was.
 */
import type { AbortLike } from '../../../upstream/types.js';
import { CodecError, parseRequest } from '../../../formats/index.js';
import { planRoute } from '../../../routing/plan.js';
import { upstreamHeaders, upstreamUrl } from '../../../upstream/endpoint.js';
import { errorReply, type GatewayReply } from './attempt.js';
import { resolveCandidates, type Candidate } from './candidates.js';
import type { GatewayContext } from './handle-model-request.js';

// Node's setImmediate yields without the 1 ms floor of setTimeout; the Worker has only setTimeout.
const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
const pause = (): Promise<void> => new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));

function firstCandidate(ctx: GatewayContext, model: string | undefined): Candidate | undefined {
  const resolved = resolveCandidates(ctx.getConfig(), model, 'anthropic-messages');
  if ('error' in resolved) return undefined;
  const plan = planRoute({
    route: resolved.route,
    strategy: resolved.strategy,
    targets: resolved.candidates.map((c) => ({ key: c.ref, weight: c.weight, tier: c.tier, buckets: [] })),
    state: ctx.routing.state,
    now: ctx.routing.clock(),
  });
  const key = plan.attempts[0]?.key;
  return resolved.candidates.find((c) => c.ref === key);
}

async function providerCount(
  ctx: GatewayContext,
  candidate: Candidate,
  body: Record<string, unknown>,
  headers: Record<string, string | string[] | undefined>,
  signal: AbortLike,
): Promise<number | undefined> {
  const url = upstreamUrl(candidate.provider, 'claude');
  if (!url) return undefined;
  const { stream: _stream, max_tokens: _max, ...rest } = body;
  const one = (name: string) => (Array.isArray(headers[name]) ? (headers[name] as string[]).join(',') : (headers[name] as string | undefined));
  try {
    const res = await ctx.send({
      url: `${url}/count_tokens`,
      headers: upstreamHeaders(candidate.provider, 'claude', ctx.env, { anthropicVersion: one('anthropic-version'), anthropicBeta: one('anthropic-beta') }),
      body: JSON.stringify({ ...rest, model: candidate.model.id }),
      signal,
      headersTimeoutMs: Math.min(ctx.options.upstreamTimeoutMs, 15_000),
      idleTimeoutMs: Math.min(ctx.options.streamIdleTimeoutMs, 15_000),
    });
    const text = await res.text();
    if (res.status !== 200) return undefined;
    const parsed = JSON.parse(text) as { input_tokens?: unknown };
    return typeof parsed.input_tokens === 'number' && Number.isFinite(parsed.input_tokens) ? parsed.input_tokens : undefined;
  } catch {
    if (signal.aborted) throw signal.reason;
    return undefined; // unreachable or not JSON: the estimate still answers
  }
}

export async function handleCountTokens(
  ctx: GatewayContext,
  body: Record<string, unknown>,
  headers: Record<string, string | string[] | undefined>,
  signal: AbortLike,
): Promise<GatewayReply> {
  let request;
  try {
    request = parseRequest('anthropic-messages', body).value;
  } catch (err) {
    if (err instanceof CodecError) return errorReply('anthropic-messages', err.error);
    throw err;
  }
  const candidate = firstCandidate(ctx, typeof body.model === 'string' ? body.model : undefined);
  if (candidate?.format === 'claude') {
    const exact = await providerCount(ctx, candidate, body, headers, signal);
    if (exact !== undefined)
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-llm-router-token-count': `provider; ${candidate.ref}` },
        body: JSON.stringify({ input_tokens: exact }),
      };
  }
  // The tokenizer's tables are large: loaded on the first count, not at start-up.
  const { estimateInputTokensAsync } = await import('../../../formats/count-tokens.js');
  const tokens = await estimateInputTokensAsync(request, { pause });
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-llm-router-token-count': 'estimate; o200k_base' },
    body: JSON.stringify({ input_tokens: tokens }),
  };
}
