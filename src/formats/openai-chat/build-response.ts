/** Canonical response -> OpenAI Chat Completions response body (for an OpenAI-format client). */
import type { CanonicalResponse } from '../canonical/types.js';
import type { Json } from '../shared/values.js';
import { finishToOpenAI, usageToOpenAI } from './usage-and-finish.js';

export function chatCompletionId(id: string): string {
  return id.startsWith('chatcmpl') ? id : `chatcmpl-${id.replace(/^msg_/, '')}`;
}

export function buildOpenAIChatResponse(response: CanonicalResponse, model = response.model): Json {
  const text = response.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  const reasoning = response.content.map((p) => (p.type === 'reasoning' ? p.text : '')).join('');
  const calls = response.content.flatMap((p) => (p.type === 'tool_call' ? [{ id: p.id, type: 'function', function: { name: p.name, arguments: p.arguments } }] : []));
  const message: Json = { role: 'assistant', content: text === '' ? null : text };
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (calls.length > 0) message.tool_calls = calls;
  message.refusal = null;
  return {
    id: chatCompletionId(response.id),
    object: 'chat.completion',
    created: response.created,
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishToOpenAI(response.finishReason) }],
    usage: usageToOpenAI(response.usage),
  };
}
