/** Anthropic Messages SSE events -> canonical stream parts. */
import type { Citation, FinishReason, StreamPart } from '../canonical/types.js';
import { errorFromBody } from '../errors.js';
import type { SseEvent } from '../sse/sse.js';
import type { Stage } from '../stream/stage.js';
import { eventJson, upstreamStreamError } from '../shared/event-json.js';
import { isRecord, num, str, type Json } from '../shared/values.js';
import { citationOf, citationsOf, isServerToolBlock, serverToolText } from './server-tools.js';
import { textDeltaOf } from './text-delta-fast.js';
import { stopFromAnthropic, usageFromAnthropic } from './usage-and-stop.js';

export function createAnthropicDecoder(options: { now: () => number }): Stage<SseEvent, StreamPart> {
  let started = false;
  let terminated = false;
  let finish: FinishReason | undefined;
  let stopSequence: string | undefined;
  const toolOfBlock = new Map<number, number>();
  /** Text output so far (UTF-16 units), and each open text block's start and citations. */
  let textLength = 0;
  const textBlocks = new Map<number, { start: number; citations: Citation[] }>();

  const text = (value: string): StreamPart => {
    textLength += value.length;
    return { type: 'text-delta', text: value };
  };

  const handle = (json: Json): StreamPart[] => {
    const index = num(json.index) ?? 0;
    switch (json.type) {
      case 'message_start': {
        const message = isRecord(json.message) ? json.message : {};
        started = true;
        const usage = usageFromAnthropic(message.usage);
        const start: StreamPart = { type: 'start', id: str(message.id) ?? '', model: str(message.model) ?? '', created: options.now() };
        if (usage) start.usage = usage;
        return [start];
      }
      case 'content_block_start': {
        const block = isRecord(json.content_block) ? json.content_block : {};
        if (isServerToolBlock(block.type)) {
          // Anthropic runs these itself: never a call the client must run (server-tools.ts).
          const rendered = serverToolText(block);
          return rendered ? [text(rendered)] : [];
        }
        if (block.type === 'tool_use') {
          const tool = toolOfBlock.size;
          toolOfBlock.set(index, tool);
          const input = isRecord(block.input) && Object.keys(block.input).length > 0 ? JSON.stringify(block.input) : '';
          const out: StreamPart[] = [{ type: 'tool-call-start', index: tool, id: str(block.id) ?? `toolu_${tool}`, name: str(block.name) ?? '' }];
          if (input) out.push({ type: 'tool-call-delta', index: tool, argumentsDelta: input });
          return out;
        }
        if (block.type === 'redacted_thinking') return [{ type: 'reasoning-redacted', data: str(block.data) ?? '' }];
        if (block.type === 'text') {
          textBlocks.set(index, { start: textLength, citations: citationsOf(block.citations) });
          return str(block.text) ? [text(str(block.text) ?? '')] : [];
        }
        if (block.type === 'thinking' && str(block.thinking)) return [{ type: 'reasoning-delta', text: str(block.thinking) ?? '' }];
        return [];
      }
      case 'content_block_delta': {
        const delta = isRecord(json.delta) ? json.delta : {};
        if (delta.type === 'text_delta' && str(delta.text)) return [text(str(delta.text) ?? '')];
        if (delta.type === 'citations_delta') {
          const citation = citationOf(delta.citation);
          if (citation) textBlocks.get(index)?.citations.push(citation);
          return [];
        }
        if (delta.type === 'thinking_delta' && str(delta.thinking)) return [{ type: 'reasoning-delta', text: str(delta.thinking) ?? '' }];
        if (delta.type === 'signature_delta' && str(delta.signature)) return [{ type: 'reasoning-signature', signature: str(delta.signature) ?? '' }];
        const tool = toolOfBlock.get(index);
        if (delta.type === 'input_json_delta' && tool !== undefined && str(delta.partial_json))
          return [{ type: 'tool-call-delta', index: tool, argumentsDelta: str(delta.partial_json) ?? '' }];
        return [];
      }
      case 'content_block_stop': {
        const block = textBlocks.get(index);
        textBlocks.delete(index);
        if (!block) return [];
        return block.citations.map((c): StreamPart => ({ type: 'citation', citation: { ...c, startIndex: block.start, endIndex: textLength } }));
      }
      case 'message_delta': {
        const delta = isRecord(json.delta) ? json.delta : {};
        if (delta.stop_reason) finish = stopFromAnthropic(delta.stop_reason);
        stopSequence = str(delta.stop_sequence) ?? stopSequence;
        const usage = usageFromAnthropic(json.usage);
        return usage ? [{ type: 'usage', usage }] : [];
      }
      case 'message_stop': {
        terminated = true;
        const part: StreamPart = { type: 'finish', finishReason: finish ?? 'stop' };
        if (stopSequence) part.stopSequence = stopSequence;
        return [part];
      }
      case 'error':
        terminated = true;
        return [{ type: 'error', error: errorFromBody('anthropic-messages', 0, json) }];
      default:
        return []; // ping, unknown future events
    }
  };

  return {
    push(event) {
      if (terminated) return [];
      const fast = textDeltaOf(event.data);
      if (fast !== undefined) return fast === '' ? [] : [text(fast)];
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
      return [upstreamStreamError(started ? 'upstream stream ended before message_stop' : 'upstream stream ended without any event')];
    },
  };
}
