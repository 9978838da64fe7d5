/** OpenAI Chat Completions SSE events -> canonical stream parts. */
import type { FinishReason, StreamPart } from '../canonical/types.js';
import type { SseEvent } from '../sse/sse.js';
import type { Stage } from '../stream/stage.js';
import { errorFromBody } from '../errors.js';
import { eventJson, upstreamStreamError } from '../shared/event-json.js';
import { arr, isRecord, num, str, type Json } from '../shared/values.js';
import { citationFromChat } from './annotations.js';
import { createChatTextDeltaReader } from './text-delta-fast.js';
import { finishFromOpenAI, usageFromOpenAI } from './usage-and-finish.js';

export function createOpenAIChatDecoder(options: { now: () => number }): Stage<SseEvent, StreamPart> {
  let started = false;
  let terminated = false;
  let finish: FinishReason | undefined;
  const toolIndex = new Map<number, number>();
  const textDeltaOf = createChatTextDeltaReader();

  const finishNow = (): StreamPart[] => {
    if (terminated || !started) return [];
    terminated = true;
    return [{ type: 'finish', finishReason: finish ?? 'stop' }];
  };

  const chunk = (json: Json): StreamPart[] => {
    const out: StreamPart[] = [];
    const usage = usageFromOpenAI(json.usage);
    if (!started) {
      // Azure opens with {id:"", model:"", created:0, choices:[], prompt_filter_results}: wait for a real chunk.
      if (!str(json.id) && !str(json.model) && arr(json.choices).length === 0 && !usage) return [];
      started = true;
      const created = num(json.created);
      out.push({
        type: 'start',
        id: str(json.id) ?? '',
        model: str(json.model) ?? '',
        created: created !== undefined && created > 0 ? created : options.now(),
      });
    }
    for (const choice of arr(json.choices)) {
      if (!isRecord(choice) || (num(choice.index) ?? 0) !== 0) continue;
      const delta = isRecord(choice.delta) ? choice.delta : {};
      const reasoning = str(delta.reasoning_content) ?? str(delta.reasoning);
      if (reasoning) out.push({ type: 'reasoning-delta', text: reasoning });
      if (typeof delta.content === 'string' && delta.content !== '') out.push({ type: 'text-delta', text: delta.content });
      if (typeof delta.refusal === 'string' && delta.refusal !== '') out.push({ type: 'text-delta', text: delta.refusal });
      for (const annotation of arr(delta.annotations)) {
        const citation = citationFromChat(annotation);
        if (citation) out.push({ type: 'citation', citation });
      }
      arr(delta.tool_calls).forEach((raw, position) => {
        if (!isRecord(raw)) return;
        const fn = isRecord(raw.function) ? raw.function : {};
        const upstreamIndex = num(raw.index) ?? position;
        let index = toolIndex.get(upstreamIndex);
        if (index === undefined) {
          index = toolIndex.size;
          toolIndex.set(upstreamIndex, index);
          out.push({ type: 'tool-call-start', index, id: str(raw.id) ?? `call_${index}`, name: str(fn.name) ?? '' });
        }
        const args = fn.arguments;
        const text = typeof args === 'string' ? args : args === undefined ? '' : JSON.stringify(args);
        if (text !== '') out.push({ type: 'tool-call-delta', index, argumentsDelta: text });
      });
      if (choice.finish_reason) finish = finishFromOpenAI(choice.finish_reason, toolIndex.size > 0);
    }
    if (usage) out.push({ type: 'usage', usage });
    return out;
  };

  return {
    push(event) {
      if (terminated) return [];
      // A chunk starts with '{': only anything else can be the [DONE] sentinel (no trim per chunk).
      if (event.data.charCodeAt(0) !== 0x7b && event.data.trim() === '[DONE]') return finishNow();
      const fast = started ? textDeltaOf(event.data) : undefined;
      if (fast !== undefined) return fast === '' ? [] : [{ type: 'text-delta', text: fast }];
      const parsed = eventJson(event);
      if (!parsed) return [];
      if ('error' in parsed) {
        terminated = true;
        return [parsed.error];
      }
      const { json } = parsed;
      if (json.error !== undefined) {
        terminated = true;
        return [{ type: 'error', error: errorFromBody('openai-chat', 500, json) }];
      }
      return chunk(json);
    },
    flush() {
      if (terminated) return [];
      if (!started) {
        terminated = true;
        return [upstreamStreamError('upstream stream ended without any event')];
      }
      if (finish === undefined) {
        terminated = true;
        return [upstreamStreamError('upstream stream ended before the response was complete')];
      }
      return finishNow();
    },
  };
}
