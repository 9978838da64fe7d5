/** A Responses provider's SSE events -> canonical stream parts (exactly one finish or error at the end). */
import type { StreamPart } from '../canonical/types.js';
import { errorFromBody } from '../errors.js';
import type { SseEvent } from '../sse/sse.js';
import type { Stage } from '../stream/stage.js';
import { eventJson, upstreamStreamError } from '../shared/event-json.js';
import { isRecord, num, str, type Json } from '../shared/values.js';
import { citationFromAnnotation, finishFromResponses, summaryText, usageFromResponses } from './upstream-items.js';

interface ItemState {
  kind: string;
  /** Canonical tool index (tool calls only). */
  tool?: number;
  /** Something was streamed for it (text, reasoning, arguments). */
  streamed: boolean;
  textStart: number;
}

export function createResponsesDecoder(options: { now: () => number }): Stage<SseEvent, StreamPart> {
  let started = false;
  let terminated = false;
  let tools = 0;
  let textLength = 0;
  const items = new Map<string, ItemState>();

  const itemOf = (json: Json): ItemState | undefined => items.get(str(json.item_id) ?? '') ?? items.get(`#${num(json.output_index) ?? -1}`);
  const remember = (json: Json, item: Json): ItemState => {
    const state: ItemState = { kind: String(item.type), streamed: false, textStart: textLength };
    if (item.type === 'function_call' || item.type === 'custom_tool_call') state.tool = tools++;
    items.set(str(item.id) ?? '', state);
    items.set(`#${num(json.output_index) ?? -1}`, state);
    return state;
  };
  const text = (value: string, state: ItemState | undefined): StreamPart[] => {
    if (value === '') return [];
    if (state) state.streamed = true;
    textLength += value.length;
    return [{ type: 'text-delta', text: value }];
  };

  const start = (response: Json): StreamPart[] => {
    if (started) return [];
    started = true;
    const created = num(response.created_at);
    return [
      { type: 'start', id: str(response.id) ?? '', model: str(response.model) ?? '', created: created !== undefined && created > 0 ? created : options.now() },
    ];
  };

  const added = (json: Json): StreamPart[] => {
    const item = isRecord(json.item) ? json.item : {};
    const state = remember(json, item);
    if (state.tool === undefined) return [];
    const out: StreamPart[] = [
      withCustom(
        { type: 'tool-call-start', index: state.tool, id: str(item.call_id) ?? str(item.id) ?? `call_${state.tool}`, name: str(item.name) ?? '' },
        item.type === 'custom_tool_call',
      ),
    ];
    const initial = item.type === 'custom_tool_call' ? str(item.input) : str(item.arguments);
    if (initial) {
      state.streamed = true;
      out.push({ type: 'tool-call-delta', index: state.tool, argumentsDelta: initial });
    }
    return out;
  };

  /** An item's end: whatever it carries that was not streamed (arguments sent only whole, encrypted reasoning). */
  const done = (json: Json): StreamPart[] => {
    const item = isRecord(json.item) ? json.item : {};
    const state = itemOf(json) ?? remember(json, item);
    const out: StreamPart[] = [];
    if (item.type === 'reasoning') {
      const summary = summaryText(item);
      if (!state.streamed && summary !== '') out.push({ type: 'reasoning-delta', text: summary });
      const encrypted = str(item.encrypted_content);
      if (encrypted) out.push({ type: 'reasoning-encrypted', data: encrypted });
    } else if (state.tool !== undefined && !state.streamed) {
      const whole = item.type === 'custom_tool_call' ? (str(item.input) ?? '') : str(item.arguments) || '{}';
      if (whole !== '') out.push({ type: 'tool-call-delta', index: state.tool, argumentsDelta: whole });
    } else if (item.type === 'message' && !state.streamed) {
      for (const c of Array.isArray(item.content) ? item.content : []) if (isRecord(c)) out.push(...text(str(c.text) ?? str(c.refusal) ?? '', state));
    }
    state.streamed = true;
    return out;
  };

  const delta = (json: Json, state: ItemState | undefined): StreamPart[] => {
    const value = str(json.delta) ?? '';
    if (value === '' || state?.tool === undefined) return [];
    state.streamed = true;
    return [{ type: 'tool-call-delta', index: state.tool, argumentsDelta: value }];
  };

  const finish = (response: Json): StreamPart[] => {
    terminated = true;
    const out = start(response);
    const usage = usageFromResponses(response.usage);
    if (usage) out.push({ type: 'usage', usage });
    out.push({ type: 'finish', finishReason: finishFromResponses(response, tools > 0) });
    return out;
  };

  const handle = (json: Json): StreamPart[] => {
    const response = isRecord(json.response) ? json.response : undefined;
    switch (json.type) {
      case 'response.created':
      case 'response.in_progress':
        return response ? start(response) : [];
      case 'response.output_item.added':
        return added(json);
      case 'response.output_item.done':
        return done(json);
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        return text(str(json.delta) ?? '', itemOf(json));
      case 'response.output_text.annotation.added': {
        const citation = citationFromAnnotation(json.annotation);
        const state = itemOf(json);
        if (!citation) return [];
        const offset = state?.textStart ?? 0;
        return [
          {
            type: 'citation',
            citation: { ...citation, startIndex: (citation.startIndex ?? 0) + offset, endIndex: (citation.endIndex ?? textLength - offset) + offset },
          },
        ];
      }
      case 'response.reasoning_summary_part.added': {
        const state = itemOf(json);
        return (num(json.summary_index) ?? 0) > 0 && state ? [{ type: 'reasoning-delta', text: '\n\n' }] : [];
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta': {
        const state = itemOf(json);
        if (state) state.streamed = true;
        const value = str(json.delta) ?? '';
        return value === '' ? [] : [{ type: 'reasoning-delta', text: value }];
      }
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
        return delta(json, itemOf(json));
      case 'response.completed':
      case 'response.incomplete':
        return finish(response ?? {});
      case 'response.failed': {
        terminated = true;
        const error = response && isRecord(response.error) ? response.error : { message: 'the provider reported the response failed' };
        return [{ type: 'error', error: errorFromBody('openai-responses', 500, { error }) }];
      }
      case 'error':
        terminated = true;
        return [{ type: 'error', error: errorFromBody('openai-responses', 500, json) }];
      default:
        return []; // content_part, *.done duplicates of the deltas, hosted tool progress, future events
    }
  };

  return {
    push(event) {
      if (terminated || (event.data.charCodeAt(0) !== 0x7b && event.data.trim() === '[DONE]')) return [];
      const parsed = eventJson(event);
      if (!parsed) return [];
      if ('error' in parsed) {
        terminated = true;
        return [parsed.error];
      }
      return handle(parsed.json);
    },
    flush() {
      if (terminated) return [];
      terminated = true;
      return [upstreamStreamError(started ? 'upstream stream ended before response.completed' : 'upstream stream ended without any event')];
    },
  };
}

function withCustom(part: Extract<StreamPart, { type: 'tool-call-start' }>, custom: boolean): StreamPart {
  return custom ? { ...part, custom: true } : part;
}
