/** Canonical response -> Anthropic Messages response body (for an Anthropic-format client). */
import type { CanonicalResponse } from '../canonical/types.js';
import { anthropicSignatureOf } from '../shared/reasoning-token.js';
import { parseJsonObject, type Json } from '../shared/values.js';
import { stopToAnthropic, usageToAnthropic } from './usage-and-stop.js';

export function anthropicMessageId(id: string): string {
  return id.startsWith('msg_') ? id : `msg_${id.replace(/^chatcmpl-?/, '') || 'router'}`;
}

export function buildAnthropicResponse(response: CanonicalResponse, model = response.model): Json {
  const content: Json[] = [];
  for (const part of response.content) {
    if (part.type === 'reasoning') {
      content.push(
        part.redactedData !== undefined
          ? { type: 'redacted_thinking', data: part.redactedData }
          : { type: 'thinking', thinking: part.text, signature: anthropicSignatureOf(part) },
      );
    } else if (part.type === 'tool_call') {
      content.push({ type: 'tool_use', id: part.id, name: part.name, input: parseJsonObject(part.arguments) ?? {} });
    } else if (part.type === 'opaque') {
      // Blocks of other formats (server tools of other providers) have no Anthropic form.
    } else if (part.text !== '') {
      // Never an empty text block: Anthropic clients reject them when sent back.
      content.push({ type: 'text', text: part.text });
    }
  }
  return {
    id: anthropicMessageId(response.id),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopToAnthropic(response.finishReason),
    stop_sequence: response.stopSequence ?? null,
    usage: usageToAnthropic(response.usage),
  };
}
