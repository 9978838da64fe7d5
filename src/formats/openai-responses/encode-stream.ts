/**
 * Canonical stream parts -> OpenAI Responses API SSE (for Codex CLI and the OpenAI SDK):
 * response.created, response.in_progress, output items one after another (each item's
 * `…done` before the next item's `…added`, as the real API streams them), then exactly one
 * of response.completed / response.incomplete / response.failed (which carries the output
 * streamed so far). Parallel tool calls are made contiguous first (sequence-tool-calls.ts).
 */
import type { Citation, StreamPart, Usage } from '../canonical/types.js';
import { emptyUsage, mergeUsage } from '../canonical/usage.js';
import { renderError } from '../errors.js';
import { formatSseJson } from '../sse/sse.js';
import { createToolCallSequencer } from '../stream/sequence-tool-calls.js';
import { chain, type Stage } from '../stream/stage.js';
import { customToolInput } from '../shared/custom-tools.js';
import { encryptedContentOf } from '../shared/reasoning-token.js';
import type { Json } from '../shared/values.js';
import {
  customToolCallItem,
  functionCallItem,
  messageItem,
  reasoningItem,
  responseId,
  responseObject,
  statusFor,
  urlCitation,
  type ResponseShell,
} from './response-object.js';

type Item =
  | { kind: 'message'; id: string; outputIndex: number; text: string; textStart: number; annotations: Json[] }
  | { kind: 'reasoning'; id: string; outputIndex: number; text: string; signature?: string; redacted?: string; encrypted?: string }
  | { kind: 'function'; id: string; outputIndex: number; callId: string; name: string; args: string; tool: number; custom: 'native' | 'json' | false };

export interface ResponsesEncodeOptions {
  model?: string;
  now: () => number;
  /** Free-form tools of the request: calls of these are `custom_tool_call` items. */
  customTools?: ReadonlySet<string>;
}

export function createResponsesEncoder(options: ResponsesEncodeOptions): Stage<StreamPart, string> {
  return chain(createToolCallSequencer(), createItemEncoder(options));
}

function itemJson(item: Item, status: string): Json {
  if (item.kind === 'message') return messageItem(item.id, item.text, status, item.annotations);
  if (item.kind === 'reasoning')
    return reasoningItem(
      item.id,
      item.text,
      encryptedContentOf({
        ...(item.signature ? { signature: item.signature } : {}),
        ...(item.redacted !== undefined ? { redactedData: item.redacted } : {}),
        ...(item.encrypted !== undefined ? { encryptedContent: item.encrypted } : {}),
      }),
    );
  if (item.custom) return customToolCallItem(item.id, item.callId, item.name, item.custom === 'json' ? customToolInput(item.args) : item.args, status);
  return functionCallItem(item.id, item.callId, item.name, item.args === '' ? '{}' : item.args, status);
}

function createItemEncoder(options: ResponsesEncodeOptions): Stage<StreamPart, string> {
  let seq = 0;
  let shell: ResponseShell = { id: 'resp_router', created: 0, model: options.model ?? '' };
  let started = false;
  let done = false;
  let usage: Usage = emptyUsage();
  let textLength = 0;
  const output: Json[] = [];
  let current: Item | undefined;
  /** The text deltas' unchanging middle (item id, output index), built once per message item. */
  let deltaItem: Item | undefined;
  let deltaIds = '';

  const ev = (type: string, body: Json): string => formatSseJson({ type, sequence_number: seq++, ...body }, type);

  const begin = (part?: Extract<StreamPart, { type: 'start' }>): string[] => {
    if (started) return [];
    started = true;
    shell = { id: responseId(part?.id ?? ''), created: part?.created ?? options.now(), model: options.model ?? part?.model ?? '' };
    usage = mergeUsage(usage, part?.usage);
    const response = responseObject(shell, { status: 'in_progress', output: [] });
    return [ev('response.created', { response }), ev('response.in_progress', { response })];
  };

  const at = (item: Item) => ({ item_id: item.id, output_index: item.outputIndex });

  /** Ends the current item with its `…done` events; `status` "incomplete" when the stream failed. */
  const finishItem = (status = 'completed'): string[] => {
    const item = current;
    if (!item) return [];
    current = undefined;
    const out: string[] = [];
    if (item.kind === 'message') {
      const part = { type: 'output_text', text: item.text, annotations: item.annotations, logprobs: [] };
      out.push(
        ev('response.output_text.done', { ...at(item), content_index: 0, text: item.text, logprobs: [] }),
        ev('response.content_part.done', { ...at(item), content_index: 0, part }),
      );
    } else if (item.kind === 'reasoning') {
      if (item.text !== '') {
        out.push(
          ev('response.reasoning_summary_text.done', { ...at(item), summary_index: 0, text: item.text }),
          ev('response.reasoning_summary_part.done', { ...at(item), summary_index: 0, part: { type: 'summary_text', text: item.text } }),
        );
      }
    } else if (item.custom) {
      const input = item.custom === 'json' ? customToolInput(item.args) : item.args;
      if (item.custom === 'json' && input !== '') out.push(ev('response.custom_tool_call_input.delta', { ...at(item), delta: input }));
      out.push(ev('response.custom_tool_call_input.done', { ...at(item), input }));
    } else {
      if (item.args === '') out.push(ev('response.function_call_arguments.delta', { ...at(item), delta: '{}' }));
      out.push(ev('response.function_call_arguments.done', { ...at(item), arguments: item.args === '' ? '{}' : item.args }));
    }
    const json = itemJson(item, status);
    output[item.outputIndex] = json;
    out.push(ev('response.output_item.done', { output_index: item.outputIndex, item: json }));
    return out;
  };

  const base = (): string => shell.id.slice('resp_'.length);

  const open = (item: Item): string[] => {
    const out = finishItem();
    current = item;
    output.push({});
    out.push(ev('response.output_item.added', { output_index: item.outputIndex, item: itemJson(item, 'in_progress') }));
    if (item.kind === 'message')
      out.push(ev('response.content_part.added', { ...at(item), content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } }));
    return out;
  };

  /** The open reasoning item, or a new one (always new when `fresh`). */
  const reasoning = (fresh = false): [Extract<Item, { kind: 'reasoning' }>, string[]] => {
    if (current?.kind === 'reasoning' && !fresh) return [current, []];
    const item: Item = { kind: 'reasoning', id: `rs_${base()}_${output.length}`, outputIndex: output.length, text: '' };
    return [item, open(item)];
  };

  const cite = (citation: Citation): string[] => {
    if (current?.kind !== 'message') return [];
    const annotation = urlCitation(citation, current.textStart);
    current.annotations.push(annotation);
    return [ev('response.output_text.annotation.added', { ...at(current), content_index: 0, annotation_index: current.annotations.length - 1, annotation })];
  };

  const terminal = (type: string, status: string, extra: Json = {}): string => {
    const response = responseObject(shell, { status, output: output.filter((o) => Object.keys(o).length > 0), usage, ...extra });
    return ev(type, { response });
  };

  return {
    push(part) {
      if (done) return [];
      if (part.type === 'start') return begin(part);
      const out = begin();
      switch (part.type) {
        case 'text-delta': {
          if (part.text === '') break;
          if (current?.kind !== 'message')
            out.push(
              ...open({ kind: 'message', id: `msg_${base()}_${output.length}`, outputIndex: output.length, text: '', textStart: textLength, annotations: [] }),
            );
          const item = current as Extract<Item, { kind: 'message' }>;
          item.text += part.text;
          textLength += part.text.length;
          // = ev('response.output_text.delta', { ...at(item), content_index: 0, delta, logprobs: [] }), without building the object.
          if (deltaItem !== item) {
            deltaItem = item;
            deltaIds = `"item_id":${JSON.stringify(item.id)},"output_index":${item.outputIndex},"content_index":0,"delta":`;
          }
          out.push(
            `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":${seq++},${deltaIds}${JSON.stringify(part.text)},"logprobs":[]}\n\n`,
          );
          break;
        }
        case 'reasoning-delta': {
          const [item, opened] = reasoning(current?.kind === 'reasoning' && (current.encrypted !== undefined || current.redacted !== undefined));
          out.push(...opened);
          if (item.text === '')
            out.push(ev('response.reasoning_summary_part.added', { ...at(item), summary_index: 0, part: { type: 'summary_text', text: '' } }));
          item.text += part.text;
          out.push(ev('response.reasoning_summary_text.delta', { ...at(item), summary_index: 0, delta: part.text }));
          break;
        }
        case 'reasoning-signature':
          if (current?.kind === 'reasoning') current.signature = (current.signature ?? '') + part.signature;
          break;
        case 'reasoning-encrypted':
        case 'reasoning-redacted': {
          // One opaque payload per reasoning item: a second one starts a new item.
          const [item, opened] = reasoning(current?.kind === 'reasoning' && (current.encrypted !== undefined || current.redacted !== undefined));
          out.push(...opened);
          if (part.type === 'reasoning-encrypted') item.encrypted = part.data;
          else item.redacted = part.data;
          break;
        }
        case 'tool-call-start': {
          const custom = part.custom ? 'native' : options.customTools?.has(part.name) ? 'json' : false;
          out.push(
            ...open({
              kind: 'function',
              id: `${custom ? 'ctc' : 'fc'}_${base()}_${output.length}`,
              outputIndex: output.length,
              callId: part.id,
              name: part.name,
              args: '',
              tool: part.index,
              custom,
            }),
          );
          break;
        }
        case 'tool-call-delta': {
          const item = current;
          if (item?.kind !== 'function' || item.tool !== part.index || part.argumentsDelta === '') break;
          item.args += part.argumentsDelta;
          if (item.custom === 'native') out.push(ev('response.custom_tool_call_input.delta', { ...at(item), delta: part.argumentsDelta }));
          else if (!item.custom) out.push(ev('response.function_call_arguments.delta', { ...at(item), delta: part.argumentsDelta }));
          break;
        }
        case 'citation':
          out.push(...cite(part.citation));
          break;
        case 'usage':
          usage = mergeUsage(usage, part.usage);
          break;
        case 'finish': {
          done = true;
          out.push(...finishItem());
          const { status, incomplete } = statusFor(part.finishReason);
          out.push(terminal(status === 'completed' ? 'response.completed' : 'response.incomplete', status, { incomplete }));
          break;
        }
        case 'error': {
          done = true;
          out.push(...finishItem('incomplete'));
          const error = renderError('openai-responses', part.error).body.error as Json;
          out.push(terminal('response.failed', 'failed', { error: { code: error.code ?? error.type, message: error.message } }));
          break;
        }
      }
      return out;
    },
    flush() {
      if (done) return [];
      done = true;
      const out = begin();
      out.push(...finishItem('incomplete'));
      out.push(terminal('response.failed', 'failed', { error: { code: 'server_error', message: 'stream ended before the response was complete' } }));
      return out;
    },
  };
}
