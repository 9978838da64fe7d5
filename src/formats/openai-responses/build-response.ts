/** Canonical response -> OpenAI Responses API response body: reasoning, then the message, then function calls. */
import type { CanonicalResponse } from '../canonical/types.js';
import type { Json } from '../shared/values.js';
import { functionCallItem, messageItem, reasoningItem, responseId, responseObject, statusFor } from './response-object.js';

export function buildResponsesResponse(response: CanonicalResponse, model = response.model): Json {
  const id = responseId(response.id);
  const base = id.slice('resp_'.length);
  const reasoning: Json[] = [];
  const calls: Json[] = [];
  let text = '';
  response.content.forEach((part, i) => {
    if (part.type === 'reasoning') reasoning.push(reasoningItem(`rs_${base}_${i}`, part.text, part.signature));
    else if (part.type === 'tool_call') calls.push(functionCallItem(`fc_${base}_${i}`, part.id, part.name, part.arguments, 'completed'));
    else text += part.text;
  });
  const output = [...reasoning, ...(text === '' ? [] : [messageItem(`msg_${base}`, text, 'completed')]), ...calls];
  const { status, incomplete } = statusFor(response.finishReason);
  return { ...responseObject({ id, created: response.created, model }, { status, output, usage: response.usage, incomplete }), output_text: text };
}
