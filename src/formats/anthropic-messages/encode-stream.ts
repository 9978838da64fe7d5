/**
 * Canonical stream parts -> Anthropic Messages SSE (for an Anthropic-format client).
 * Blocks open lazily (so never an empty text block), close when another kind starts,
 * and the stream ends with exactly one message_delta + message_stop (or one error event).
 *
 * Anthropic blocks are strictly sequential, but an OpenAI-format upstream may interleave
 * the argument deltas of parallel tool calls (0, 1, 0, 1). A tool block is therefore
 * closed for the next tool only once its arguments so far are complete JSON; until then
 * the other tools' arguments are held and emitted whole after it, so none are lost.
 */
import type { FinishReason, StreamPart, Usage } from '../canonical/types.js';
import { emptyUsage, mergeUsage } from '../canonical/usage.js';
import { renderError } from '../errors.js';
import { formatSseJson } from '../sse/sse.js';
import type { Stage } from '../stream/stage.js';
import type { Json } from '../shared/values.js';
import { anthropicMessageId } from './build-response.js';
import { stopToAnthropic, usageToAnthropic } from './usage-and-stop.js';

export interface AnthropicEncodeOptions {
  model?: string;
}

type OpenBlock = { kind: 'text' } | { kind: 'thinking' } | { kind: 'tool'; tool: number; args: string };

function isCompleteJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function createAnthropicEncoder(options: AnthropicEncodeOptions = {}): Stage<StreamPart, string> {
  let started = false;
  let done = false;
  let index = -1;
  let open: OpenBlock | undefined;
  let usage: Usage = emptyUsage();
  let sawTool = false;
  /** Tool calls started while another tool block was open: opened when their arguments begin. */
  const pending = new Map<number, { id: string; name: string; args: string }>();

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

  const close = (): string[] => {
    if (!open) return [];
    open = undefined;
    return [event('content_block_stop', { index })];
  };

  const openTool = (tool: number): string[] => {
    const call = pending.get(tool);
    if (!call) return [];
    pending.delete(tool);
    const out = openBlock({ kind: 'tool', tool, args: call.args }, { type: 'tool_use', id: call.id, name: call.name, input: {} });
    if (call.args !== '') out.push(delta({ type: 'input_json_delta', partial_json: call.args }));
    return out;
  };

  /** Closes the open block, then emits every pending tool call whole, in order. */
  const settle = (): string[] => {
    const out = close();
    for (const tool of [...pending.keys()].sort((a, b) => a - b)) out.push(...openTool(tool), ...close());
    return out;
  };

  const openBlock = (block: OpenBlock, contentBlock: Json): string[] => {
    const out = close();
    index += 1;
    open = block;
    out.push(event('content_block_start', { index, content_block: contentBlock }));
    return out;
  };

  const delta = (body: Json): string => event('content_block_delta', { index, delta: body });

  const finish = (reason: FinishReason, stopSequence?: string): string[] => {
    done = true;
    const stop = sawTool && reason === 'stop' ? 'tool_use' : stopToAnthropic(reason);
    return [
      ...settle(),
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
          if (open?.kind !== 'text') out.push(...settle(), ...openBlock({ kind: 'text' }, { type: 'text', text: '' }));
          out.push(delta({ type: 'text_delta', text: part.text }));
          break;
        case 'reasoning-delta':
          if (open?.kind !== 'thinking') out.push(...settle(), ...openBlock({ kind: 'thinking' }, { type: 'thinking', thinking: '', signature: '' }));
          out.push(delta({ type: 'thinking_delta', thinking: part.text }));
          break;
        case 'reasoning-signature':
          if (open?.kind === 'thinking') out.push(delta({ type: 'signature_delta', signature: part.signature }));
          break;
        case 'reasoning-redacted':
          out.push(...settle(), ...openBlock({ kind: 'thinking' }, { type: 'redacted_thinking', data: part.data }), ...close());
          break;
        case 'tool-call-start':
          sawTool = true;
          pending.set(part.index, { id: part.id, name: part.name, args: '' });
          if (open?.kind !== 'tool') out.push(...close(), ...openTool(part.index));
          break;
        case 'tool-call-delta': {
          if (open?.kind === 'tool' && open.tool === part.index) {
            open.args += part.argumentsDelta;
            out.push(delta({ type: 'input_json_delta', partial_json: part.argumentsDelta }));
            break;
          }
          const call = pending.get(part.index);
          if (!call) break; // a tool already closed by text or thinking after it: no upstream does this
          call.args += part.argumentsDelta;
          // Move on only when the open tool's arguments are whole; else hold this one (see top).
          if (open?.kind === 'tool' && isCompleteJson(open.args)) out.push(...close(), ...openTool(part.index));
          break;
        }
        case 'usage':
          usage = mergeUsage(usage, part.usage);
          break;
        case 'finish':
          out.push(...finish(part.finishReason, part.stopSequence));
          break;
      }
      return out;
    },
    flush() {
      if (done) return [];
      done = true;
      return [formatSseJson(renderError('anthropic-messages', { status: 502, kind: 'api_error', message: 'stream ended before the response was complete' }).body, 'error')];
    },
  };
}
