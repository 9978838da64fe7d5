/**
 * Token usage read straight off an upstream's wire format, for the request log when the
 * body or stream is passed through untouched (translated answers report usage through
 * the canonical stream parts instead). Same semantics as the codecs: inputTokens includes
 * cached and cache-written tokens.
 */
import { usageFromAnthropic } from './anthropic-messages/usage-and-stop.js';
import type { Usage } from './canonical/types.js';
import { usageFromOpenAI } from './openai-chat/usage-and-finish.js';
import { usageFromResponses } from './openai-responses/upstream-items.js';
import { isRecord } from './shared/values.js';
import type { UpstreamFormat } from './index.js';

/** Later reports win field by field (Anthropic sends input at message_start, output at message_delta). */
export function mergeUsage(into: Partial<Usage> | undefined, next: Partial<Usage> | undefined): Partial<Usage> | undefined {
  if (!next) return into;
  const out: Partial<Usage> = { ...into };
  for (const [k, v] of Object.entries(next) as [keyof Usage, number | undefined][]) if (typeof v === 'number') out[k] = v;
  return out;
}

/** Usage in a non-streamed response body. */
export function usageFromBody(format: UpstreamFormat, body: unknown): Partial<Usage> | undefined {
  if (!isRecord(body)) return undefined;
  if (format === 'openai-chat') return usageFromOpenAI(body.usage);
  if (format === 'anthropic-messages') return usageFromAnthropic(body.usage);
  return usageFromResponses(body.usage);
}

/** Usage in one streamed event's JSON data (undefined for events that carry none). */
export function usageFromStreamEvent(format: UpstreamFormat, data: unknown): Partial<Usage> | undefined {
  if (!isRecord(data)) return undefined;
  if (format === 'openai-chat') return usageFromOpenAI(data.usage);
  if (format === 'anthropic-messages') {
    if (data.type === 'message_start' && isRecord(data.message)) return usageFromAnthropic(data.message.usage);
    return data.type === 'message_delta' ? usageFromAnthropic(data.usage) : undefined;
  }
  const response = data.response;
  return isRecord(response) && (data.type === 'response.completed' || data.type === 'response.incomplete' || data.type === 'response.failed')
    ? usageFromResponses(response.usage)
    : undefined;
}
