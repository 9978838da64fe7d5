/** Anthropic usage and stop reasons <-> canonical. Anthropic's input_tokens exclude cache reads and writes. */
import type { FinishReason, Usage } from '../canonical/types.js';
import { isRecord, num, type Json } from '../shared/values.js';

export function usageFromAnthropic(value: unknown): Partial<Usage> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Partial<Usage> = {};
  const input = num(value.input_tokens);
  const read = num(value.cache_read_input_tokens);
  const write = num(value.cache_creation_input_tokens);
  if (input !== undefined) out.inputTokens = input + (read ?? 0) + (write ?? 0);
  if (read !== undefined) out.cacheReadTokens = read;
  if (write !== undefined) out.cacheWriteTokens = write;
  const output = num(value.output_tokens);
  if (output !== undefined) out.outputTokens = output;
  return out;
}

export function usageToAnthropic(usage: Usage): Json {
  const read = usage.cacheReadTokens ?? 0;
  const write = usage.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.inputTokens - read - write),
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
  };
}

const FROM: Record<string, FinishReason> = {
  end_turn: 'stop',
  max_tokens: 'length',
  stop_sequence: 'stop_sequence',
  tool_use: 'tool_calls',
  pause_turn: 'pause',
  refusal: 'refusal',
  model_context_window_exceeded: 'context_window',
};

export function stopFromAnthropic(value: unknown): FinishReason {
  return typeof value === 'string' ? (FROM[value] ?? 'stop') : 'stop';
}

const TO: Record<FinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  stop_sequence: 'stop_sequence',
  tool_calls: 'tool_use',
  pause: 'pause_turn',
  refusal: 'refusal',
  content_filter: 'refusal',
  context_window: 'model_context_window_exceeded',
  error: 'end_turn',
};

export function stopToAnthropic(reason: FinishReason): string {
  return TO[reason];
}
