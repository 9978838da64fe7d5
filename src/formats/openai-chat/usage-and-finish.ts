/** OpenAI usage objects and finish reasons <-> canonical. */
import type { FinishReason, Usage } from '../canonical/types.js';
import { isRecord, num, type Json } from '../shared/values.js';

export function usageFromOpenAI(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const usage: Usage = { inputTokens: num(value.prompt_tokens) ?? 0, outputTokens: num(value.completion_tokens) ?? 0 };
  const cached = isRecord(value.prompt_tokens_details) ? num(value.prompt_tokens_details.cached_tokens) : num(value.prompt_cache_hit_tokens);
  if (cached) usage.cacheReadTokens = cached;
  const reasoning = isRecord(value.completion_tokens_details) ? num(value.completion_tokens_details.reasoning_tokens) : undefined;
  if (reasoning) usage.reasoningTokens = reasoning;
  return usage;
}

export function usageToOpenAI(usage: Usage): Json {
  const out: Json = { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens };
  out.prompt_tokens_details = { cached_tokens: usage.cacheReadTokens ?? 0 };
  out.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens ?? 0 };
  return out;
}

const FROM: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
};

export function finishFromOpenAI(value: unknown, sawToolCalls: boolean): FinishReason {
  const reason = typeof value === 'string' ? (FROM[value] ?? 'stop') : 'stop';
  // Several OpenAI-compatible servers say "stop" after tool calls; clients need tool_calls.
  return reason === 'stop' && sawToolCalls ? 'tool_calls' : reason;
}

const TO: Record<FinishReason, string> = {
  stop: 'stop',
  stop_sequence: 'stop',
  length: 'length',
  context_window: 'length',
  tool_calls: 'tool_calls',
  content_filter: 'content_filter',
  refusal: 'content_filter',
  pause: 'stop',
  error: 'stop',
};

export function finishToOpenAI(reason: FinishReason): string {
  return TO[reason];
}
