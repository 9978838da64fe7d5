/** Canonical response -> OpenAI Chat Completions response body (for an OpenAI-format client). */
import type { CanonicalResponse, Citation } from '../canonical/types.js';
import type { Json } from '../shared/values.js';
import { chatAnnotation } from './annotations.js';
import { finishToOpenAI, usageToOpenAI } from './usage-and-finish.js';

/** Every text part's citations, with their span in the whole text when they do not give one. */
export function citationsOf(response: CanonicalResponse): Citation[] {
  const out: Citation[] = [];
  let offset = 0;
  for (const part of response.content) {
    if (part.type !== 'text') continue;
    for (const c of part.citations ?? []) out.push({ ...c, startIndex: c.startIndex ?? offset, endIndex: c.endIndex ?? offset + part.text.length });
    offset += part.text.length;
  }
  return out;
}

export function chatCompletionId(id: string): string {
  return id.startsWith('chatcmpl') ? id : `chatcmpl-${id.replace(/^msg_/, '')}`;
}

export function buildOpenAIChatResponse(response: CanonicalResponse, model = response.model): Json {
  const text = response.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  const reasoning = response.content.map((p) => (p.type === 'reasoning' ? p.text : '')).join('');
  const calls = response.content.flatMap((p) =>
    p.type === 'tool_call' ? [{ id: p.id, type: 'function', function: { name: p.name, arguments: p.arguments === '' ? '{}' : p.arguments } }] : [],
  );
  const message: Json = { role: 'assistant', content: text === '' ? null : text };
  const annotations = citationsOf(response).map(chatAnnotation);
  if (annotations.length > 0) message.annotations = annotations;
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
