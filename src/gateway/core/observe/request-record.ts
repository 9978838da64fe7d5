/**
 * One record per model request, for the request log, `usage` and /metrics: where it went
 * (every attempt and why), who answered, timings, tokens and cost. Never request or
 * answer content, never secrets: only names the config already has, and numbers.
 */
import { findModel, findProvider } from '../../../config/refs.js';
import type { Config, Pricing } from '../../../config/schema.js';
import type { Usage, WireFormat } from '../../../formats/index.js';
import type { AttemptTrace, RequestTrace } from '../pipeline/request-trace.js';

export interface RequestRecord {
  /** ISO time the request arrived. */
  time: string;
  id: string;
  client: WireFormat;
  path: string;
  /** The model the client asked for (a ref or alias id; bounded). */
  model: string | null;
  route: string | null;
  strategy: string | null;
  attempts: AttemptTrace[];
  skipped: string[];
  /** The candidate that answered, `provider/model`. */
  selected: string | null;
  provider: string | null;
  streamed: boolean;
  status: number;
  /** The client went away before the answer was complete. */
  aborted: boolean;
  fallback: boolean;
  retries: number;
  ttftMs: number | null;
  durationMs: number;
  waitedMs: number | null;
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number; reasoning: number } | null;
  /** USD, from the answering model's pricing (null without pricing or usage). */
  cost: number | null;
  warnings: string[];
  streamError: string | null;
}

export interface RecordInput {
  id: string;
  startedAtMs: number;
  client: WireFormat;
  path: string;
  model: unknown;
  stream: boolean;
  status: number;
  aborted: boolean;
  durationMs: number;
  trace: RequestTrace;
  config: Config;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function pricingOf(config: Config, ref: string): Pricing | undefined {
  const slash = ref.indexOf('/');
  const provider = findProvider(config, ref.slice(0, slash));
  return provider ? findModel(provider, ref.slice(slash + 1))?.pricing : undefined;
}

/** Cost in USD: uncached input, cache reads, cache writes and output at their own prices (reasoning is part of output). */
export function costOf(pricing: Pricing | undefined, tokens: RequestRecord['tokens']): number | null {
  if (!pricing || !tokens) return null;
  const uncached = Math.max(0, tokens.input - tokens.cacheRead - tokens.cacheWrite);
  const input = pricing.input ?? 0;
  const usd =
    uncached * input +
    tokens.cacheRead * (pricing.cacheRead ?? input) +
    tokens.cacheWrite * (pricing.cacheWrite ?? input) +
    tokens.output * (pricing.output ?? 0);
  return round(usd / 1_000_000, 8);
}

function tokensOf(usage: Partial<Usage> | undefined): RequestRecord['tokens'] {
  if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return null;
  return {
    input: usage.inputTokens ?? 0,
    output: usage.outputTokens ?? 0,
    cacheRead: usage.cacheReadTokens ?? 0,
    cacheWrite: usage.cacheWriteTokens ?? 0,
    reasoning: usage.reasoningTokens ?? 0,
  };
}

export function buildRecord(input: RecordInput): RequestRecord {
  const { trace } = input;
  const tokens = tokensOf(trace.usage);
  const selected = trace.selected ?? null;
  const candidates = new Set(trace.attempts.map((a) => a.candidate));
  return {
    time: new Date(input.startedAtMs).toISOString(),
    id: input.id,
    client: input.client,
    path: input.path.slice(0, 200),
    model: typeof input.model === 'string' ? input.model.slice(0, 200) : null,
    route: trace.route ?? null,
    strategy: trace.strategy ?? null,
    attempts: trace.attempts.map((a) => ({ ...a, durationMs: round(a.durationMs, 2) })),
    skipped: trace.skipped.slice(0, 32),
    selected,
    provider: selected ? selected.slice(0, selected.indexOf('/')) : null,
    streamed: input.stream,
    status: input.status,
    aborted: input.aborted,
    fallback: selected !== null ? trace.attempts[0]?.candidate !== selected : candidates.size > 1,
    retries: trace.attempts.filter((a) => a.try > 1).length,
    ttftMs: trace.firstOutputMs === undefined ? null : round(trace.firstOutputMs, 2),
    durationMs: round(input.durationMs, 2),
    waitedMs: trace.waitedMs ?? null,
    tokens,
    cost: selected ? costOf(pricingOf(input.config, selected), tokens) : null,
    warnings: trace.warnings.slice(0, 32).map((w) => `${w.type}:${w.feature}`),
    streamError: trace.streamError ?? null,
  };
}
