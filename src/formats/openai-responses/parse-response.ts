/** A Responses provider's response body -> canonical response. */
import type { AssistantPart, CanonicalResponse } from '../canonical/types.js';
import { emptyUsage } from '../canonical/usage.js';
import { CodecError } from '../codec-error.js';
import { arr, isRecord, num, str } from '../shared/values.js';
import { finishFromResponses, partsOfItem, usageFromResponses } from './upstream-items.js';

export function parseResponsesResponse(body: unknown, now: () => number): CanonicalResponse {
  if (!isRecord(body) || !Array.isArray(body.output))
    throw new CodecError('upstream response is not an OpenAI Responses response (no output array)', { kind: 'api_error', status: 502 });
  if (body.status === 'failed') {
    const error = isRecord(body.error) ? body.error : {};
    throw new CodecError(`upstream response failed: ${str(error.message) ?? 'no reason given'}`, { kind: 'api_error', status: 502 });
  }
  const content: AssistantPart[] = [];
  let textLength = 0;
  for (const item of arr(body.output)) {
    if (!isRecord(item)) continue;
    for (const part of partsOfItem(item, textLength)) {
      if (part.type === 'text') textLength += part.text.length;
      content.push(part);
    }
  }
  return {
    id: str(body.id) ?? '',
    model: str(body.model) ?? '',
    created: num(body.created_at) ?? now(),
    content,
    finishReason: finishFromResponses(
      body,
      content.some((p) => p.type === 'tool_call'),
    ),
    usage: usageFromResponses(body.usage) ?? emptyUsage(),
  };
}
