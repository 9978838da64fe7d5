/** OpenAI Chat Completions response body -> canonical response. */
import type { AssistantPart, CanonicalResponse } from '../canonical/types.js';
import { emptyUsage } from '../canonical/usage.js';
import { CodecError } from '../codec-error.js';
import { arr, isRecord, num, str } from '../shared/values.js';
import { citationFromChat } from './annotations.js';
import { finishFromOpenAI, usageFromOpenAI } from './usage-and-finish.js';

export function parseOpenAIChatResponse(body: unknown, now: () => number): CanonicalResponse {
  const choice = isRecord(body) ? arr(body.choices)[0] : undefined;
  if (!isRecord(body) || !isRecord(choice) || !isRecord(choice.message)) {
    throw new CodecError('upstream response is not an OpenAI chat completion (no choices[0].message)', { kind: 'api_error', status: 502 });
  }
  const message = choice.message;
  const content: AssistantPart[] = [];
  const reasoning = str(message.reasoning_content) ?? str(message.reasoning);
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });
  const citations = arr(message.annotations).flatMap((a) => citationFromChat(a) ?? []);
  if (typeof message.content === 'string' && message.content !== '')
    content.push(citations.length > 0 ? { type: 'text', text: message.content, citations } : { type: 'text', text: message.content });
  for (const part of arr(message.content))
    if (isRecord(part) && typeof part.text === 'string' && part.text !== '') content.push({ type: 'text', text: part.text });
  if (typeof message.refusal === 'string' && message.refusal !== '') content.push({ type: 'text', text: message.refusal });
  for (const call of arr(message.tool_calls)) {
    if (!isRecord(call) || !isRecord(call.function)) continue;
    const args = call.function.arguments;
    content.push({
      type: 'tool_call',
      id: str(call.id) ?? '',
      name: str(call.function.name) ?? '',
      arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
    });
  }
  return {
    id: str(body.id) ?? '',
    model: str(body.model) ?? '',
    created: num(body.created) ?? now(),
    content,
    finishReason: finishFromOpenAI(
      choice.finish_reason,
      content.some((p) => p.type === 'tool_call'),
    ),
    usage: usageFromOpenAI(body.usage) ?? emptyUsage(),
  };
}
