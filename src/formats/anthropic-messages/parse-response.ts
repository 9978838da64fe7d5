/** Anthropic Messages response body -> canonical response. */
import type { AssistantPart, CanonicalResponse } from '../canonical/types.js';
import { emptyUsage, mergeUsage } from '../canonical/usage.js';
import { CodecError } from '../codec-error.js';
import { fromAnthropicSignature } from '../shared/reasoning-token.js';
import { arr, isRecord, str } from '../shared/values.js';
import { citationsOf, isServerToolBlock, serverToolText } from './server-tools.js';
import { stopFromAnthropic, usageFromAnthropic } from './usage-and-stop.js';

export function parseAnthropicResponse(body: unknown, now: () => number): CanonicalResponse {
  if (!isRecord(body) || !Array.isArray(body.content)) {
    throw new CodecError('upstream response is not an Anthropic message (no content array)', { kind: 'api_error', status: 502 });
  }
  const content: AssistantPart[] = [];
  for (const block of arr(body.content)) {
    if (!isRecord(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
      const citations = citationsOf(block.citations);
      content.push(citations.length > 0 ? { type: 'text', text: block.text, citations } : { type: 'text', text: block.text });
    } else if (block.type === 'tool_use')
      content.push({ type: 'tool_call', id: str(block.id) ?? '', name: str(block.name) ?? '', arguments: JSON.stringify(block.input ?? {}) });
    else if (block.type === 'thinking') content.push({ type: 'reasoning', text: str(block.thinking) ?? '', ...fromAnthropicSignature(str(block.signature)) });
    else if (block.type === 'redacted_thinking') content.push({ type: 'reasoning', text: '', redactedData: str(block.data) ?? '' });
    else if (isServerToolBlock(block.type)) {
      const text = serverToolText(block);
      if (text) content.push({ type: 'text', text });
    }
  }
  const response: CanonicalResponse = {
    id: str(body.id) ?? '',
    model: str(body.model) ?? '',
    created: now(),
    content,
    finishReason: stopFromAnthropic(body.stop_reason),
    usage: mergeUsage(emptyUsage(), usageFromAnthropic(body.usage)),
  };
  const stopSequence = str(body.stop_sequence);
  if (stopSequence) response.stopSequence = stopSequence;
  return response;
}
