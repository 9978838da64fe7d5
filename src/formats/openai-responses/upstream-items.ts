/** A Responses provider's output items, usage and status -> canonical (shared by the body parser and the stream decoder). */
import type { AssistantPart, Citation, FinishReason, Usage } from '../canonical/types.js';
import { arr, defined, isRecord, num, str, type Json } from '../shared/values.js';

export function usageFromResponses(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const usage: Usage = { inputTokens: num(value.input_tokens) ?? 0, outputTokens: num(value.output_tokens) ?? 0 };
  const cached = isRecord(value.input_tokens_details) ? num(value.input_tokens_details.cached_tokens) : undefined;
  if (cached) usage.cacheReadTokens = cached;
  const reasoning = isRecord(value.output_tokens_details) ? num(value.output_tokens_details.reasoning_tokens) : undefined;
  if (reasoning) usage.reasoningTokens = reasoning;
  return usage;
}

export function finishFromResponses(response: Json, sawToolCalls: boolean): FinishReason {
  if (response.status === 'incomplete') {
    const reason = isRecord(response.incomplete_details) ? response.incomplete_details.reason : undefined;
    return reason === 'content_filter' ? 'content_filter' : 'length';
  }
  return sawToolCalls ? 'tool_calls' : 'stop';
}

export function citationFromAnnotation(annotation: unknown): Citation | undefined {
  if (!isRecord(annotation) || annotation.type !== 'url_citation' || typeof annotation.url !== 'string') return undefined;
  return defined({ url: annotation.url } as Citation, {
    title: str(annotation.title),
    startIndex: num(annotation.start_index),
    endIndex: num(annotation.end_index),
  });
}

export function summaryText(item: Json): string {
  const parts = arr(item.summary).length > 0 ? arr(item.summary) : arr(item.content);
  return parts.map((s) => (isRecord(s) ? (str(s.text) ?? '') : '')).join('\n\n');
}

/** One output item as canonical parts (unknown item types: none). `textOffset` is where this item's text starts. */
export function partsOfItem(item: Json, textOffset: number): AssistantPart[] {
  switch (item.type) {
    case 'message':
      return arr(item.content).flatMap((c): AssistantPart[] => {
        if (!isRecord(c)) return [];
        const text = c.type === 'output_text' ? str(c.text) : c.type === 'refusal' ? str(c.refusal) : undefined;
        if (!text) return [];
        const citations = arr(c.annotations)
          .flatMap((a) => citationFromAnnotation(a) ?? [])
          .map((cit) => ({ ...cit, startIndex: (cit.startIndex ?? 0) + textOffset, endIndex: (cit.endIndex ?? text.length) + textOffset }));
        return [citations.length > 0 ? { type: 'text', text, citations } : { type: 'text', text }];
      });
    case 'reasoning':
      return [
        defined({ type: 'reasoning', text: summaryText(item) } as AssistantPart & { type: 'reasoning' }, { encryptedContent: str(item.encrypted_content) }),
      ];
    case 'function_call':
      return [{ type: 'tool_call', id: str(item.call_id) ?? str(item.id) ?? '', name: str(item.name) ?? '', arguments: str(item.arguments) || '{}' }];
    case 'custom_tool_call':
      return [
        {
          type: 'tool_call',
          id: str(item.call_id) ?? str(item.id) ?? '',
          name: str(item.name) ?? '',
          arguments: JSON.stringify({ input: str(item.input) ?? '' }),
          custom: true,
        },
      ];
    default:
      return []; // hosted tool calls (web search, ...) ran on the provider's side
  }
}
