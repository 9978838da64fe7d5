/**
 * Canonical stream parts -> Anthropic Messages SSE (for an Anthropic-format client).
 * Blocks open lazily (so never an empty text block), close when another kind starts,
 * and the stream ends with exactly one message_delta + message_stop (or one error event).
 * Anthropic blocks are strictly sequential: parallel tool calls whose argument deltas an
 * upstream interleaves are made contiguous first (stream/sequence-tool-calls.ts).
 */
import type { FinishReason, StreamPart, Usage } from '../canonical/types.js';
import { emptyUsage, mergeUsage } from '../canonical/usage.js';
import { renderError } from '../errors.js';
import { formatSseJson } from '../sse/sse.js';
import { createToolCallSequencer } from '../stream/sequence-tool-calls.js';
import { chain, type Stage } from '../stream/stage.js';
import { anthropicSignatureOf } from '../shared/reasoning-token.js';
import type { Json } from '../shared/values.js';
import { anthropicMessageId } from './build-response.js';
import { stopToAnthropic, usageToAnthropic } from './usage-and-stop.js';

export interface AnthropicEncodeOptions {
  model?: string;
}

/** `custom`: a free-form tool call, whose raw text deltas are wrapped as `{"input": "..."}`. */
type OpenBlock = { kind: 'text' } | { kind: 'thinking' } | { kind: 'tool'; tool: number; custom: boolean; wrapped: boolean };

const jsonStringBody = (text: string): string => JSON.stringify(text).slice(1, -1);

export function createAnthropicEncoder(options: AnthropicEncodeOptions = {}): Stage<StreamPart, string> {
  return chain(createToolCallSequencer(), createBlockEncoder(options));
}

function createBlockEncoder(options: AnthropicEncodeOptions): Stage<StreamPart, string> {
  let started = false;
  let done = false;
  let index = -1;
  let open: OpenBlock | undefined;
  let usage: Usage = emptyUsage();
  let sawTool = false;

  const event = (type: string, body: Json): string => formatSseJson({ type, ...body }, type);

  const begin = (part?: Extract<StreamPart, { type: 'start' }>): string[] => {
    if (started) return [];
    started = true;
    usage = mergeUsage(usage, part?.usage);
    const message = {
      id: anthropicMessageId(part?.id ?? ''),
      type: 'message',
      role: 'assistant',
      model: options.model ?? part?.model ?? '',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usageToAnthropic(usage), output_tokens: 0 },
    };
    return [event('message_start', { message })];
  };

  const delta = (body: Json): string => event('content_block_delta', { index, delta: body });

  const close = (): string[] => {
    if (!open) return [];
    const out: string[] = [];
    if (open.kind === 'tool' && open.custom) out.push(delta({ type: 'input_json_delta', partial_json: open.wrapped ? '"}' : '{"input":""}' }));
    open = undefined;
    out.push(event('content_block_stop', { index }));
    return out;
  };

  const openBlock = (block: OpenBlock, contentBlock: Json): string[] => {
    const out = close();
    index += 1;
    open = block;
    out.push(event('content_block_start', { index, content_block: contentBlock }));
    return out;
  };

  const finish = (reason: FinishReason, stopSequence?: string): string[] => {
    done = true;
    const stop = sawTool && reason === 'stop' ? 'tool_use' : stopToAnthropic(reason);
    return [
      ...close(),
      event('message_delta', { delta: { stop_reason: stop, stop_sequence: stopSequence ?? null }, usage: usageToAnthropic(usage) }),
      event('message_stop', {}),
    ];
  };

  return {
    push(part) {
      if (done) return [];
      if (part.type === 'start') return begin(part);
      if (part.type === 'error') {
        done = true;
        const { body } = renderError('anthropic-messages', part.error);
        return [formatSseJson(body, 'error')];
      }
      const out = begin();
      switch (part.type) {
        case 'text-delta':
          if (part.text === '') break;
          if (open?.kind !== 'text') out.push(...openBlock({ kind: 'text' }, { type: 'text', text: '' }));
          // = delta({ type: 'text_delta', text }), with one JSON.stringify of the text per delta.
          out.push(
            `event: content_block_delta\ndata: {"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":${JSON.stringify(part.text)}}}\n\n`,
          );
          break;
        case 'reasoning-delta':
          if (open?.kind !== 'thinking') out.push(...openBlock({ kind: 'thinking' }, { type: 'thinking', thinking: '', signature: '' }));
          out.push(delta({ type: 'thinking_delta', thinking: part.text }));
          break;
        case 'reasoning-signature':
          if (open?.kind === 'thinking') out.push(delta({ type: 'signature_delta', signature: part.signature }));
          break;
        case 'reasoning-encrypted':
          // OpenAI's encrypted reasoning rides in the signature, so it can go back (ADR 0009).
          if (open?.kind !== 'thinking') out.push(...openBlock({ kind: 'thinking' }, { type: 'thinking', thinking: '', signature: '' }));
          out.push(delta({ type: 'signature_delta', signature: anthropicSignatureOf({ encryptedContent: part.data }) }));
          break;
        case 'reasoning-redacted':
          out.push(...openBlock({ kind: 'thinking' }, { type: 'redacted_thinking', data: part.data }), ...close());
          break;
        case 'tool-call-start':
          sawTool = true;
          out.push(
            ...openBlock(
              { kind: 'tool', tool: part.index, custom: part.custom === true, wrapped: false },
              { type: 'tool_use', id: part.id, name: part.name, input: {} },
            ),
          );
          break;
        case 'tool-call-delta': {
          if (open?.kind !== 'tool' || open.tool !== part.index || part.argumentsDelta === '') break;
          if (!open.custom) out.push(delta({ type: 'input_json_delta', partial_json: part.argumentsDelta }));
          else {
            out.push(delta({ type: 'input_json_delta', partial_json: `${open.wrapped ? '' : '{"input":"'}${jsonStringBody(part.argumentsDelta)}` }));
            open.wrapped = true;
          }
          break;
        }
        case 'usage':
          usage = mergeUsage(usage, part.usage);
          break;
        case 'finish':
          out.push(...finish(part.finishReason, part.stopSequence));
          break;
        default:
          break; // citations: Anthropic citations need Anthropic's own locations; other sources are not sent
      }
      return out;
    },
    flush() {
      if (done) return [];
      done = true;
      return [
        formatSseJson(
          renderError('anthropic-messages', { status: 502, kind: 'api_error', message: 'stream ended before the response was complete' }).body,
          'error',
        ),
      ];
    },
  };
}
