/** Canonical response -> OpenAI Responses API response body: output items in the order produced. */
import type { CanonicalResponse } from '../canonical/types.js';
import { customToolInput } from '../shared/custom-tools.js';
import { encryptedContentOf } from '../shared/reasoning-token.js';
import type { Json } from '../shared/values.js';
import { customToolCallItem, functionCallItem, messageItem, reasoningItem, responseId, responseObject, statusFor, urlCitation } from './response-object.js';

export interface ResponsesBuildOptions {
  /** Free-form tools of the request: calls of these are `custom_tool_call` items. */
  customTools?: ReadonlySet<string>;
}

export function buildResponsesResponse(response: CanonicalResponse, model = response.model, options: ResponsesBuildOptions = {}): Json {
  const id = responseId(response.id);
  const base = id.slice('resp_'.length);
  const output: Json[] = [];
  let message: { text: string; annotations: Json[]; start: number } | undefined;
  let allText = '';
  const endMessage = () => {
    if (message) output.push(messageItem(output.length === 0 ? `msg_${base}` : `msg_${base}_${output.length}`, message.text, 'completed', message.annotations));
    message = undefined;
  };
  response.content.forEach((part, i) => {
    if (part.type === 'text') {
      message ??= { text: '', annotations: [], start: allText.length };
      const start = allText.length;
      message.text += part.text;
      allText += part.text;
      for (const c of part.citations ?? [])
        message.annotations.push(urlCitation({ ...c, startIndex: c.startIndex ?? start, endIndex: c.endIndex ?? allText.length }, message.start));
      return;
    }
    if (part.type === 'opaque') return;
    endMessage();
    if (part.type === 'reasoning') output.push(reasoningItem(`rs_${base}_${i}`, part.text, encryptedContentOf(part)));
    else if (part.custom || options.customTools?.has(part.name))
      output.push(customToolCallItem(`ctc_${base}_${i}`, part.id, part.name, customToolInput(part.arguments), 'completed'));
    else output.push(functionCallItem(`fc_${base}_${i}`, part.id, part.name, part.arguments === '' ? '{}' : part.arguments, 'completed'));
  });
  endMessage();
  const { status, incomplete } = statusFor(response.finishReason);
  return { ...responseObject({ id, created: response.created, model }, { status, output, usage: response.usage, incomplete }), output_text: allText };
}
