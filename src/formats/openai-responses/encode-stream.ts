/**
 * Canonical stream parts -> OpenAI Responses API SSE (for Codex CLI and the OpenAI SDK):
 * response.created, response.in_progress, output items with their deltas and done
 * events, then exactly one of response.completed / response.incomplete / response.failed.
 */
import type { StreamPart, Usage } from '../canonical/types.js';
import { emptyUsage, mergeUsage } from '../canonical/usage.js';
import { renderError } from '../errors.js';
import { formatSseJson } from '../sse/sse.js';
import type { Stage } from '../stream/stage.js';
import type { Json } from '../shared/values.js';
import { functionCallItem, messageItem, reasoningItem, responseId, responseObject, statusFor, type ResponseShell } from './response-object.js';

type Item =
  | { kind: 'message'; id: string; outputIndex: number; text: string }
  | { kind: 'reasoning'; id: string; outputIndex: number; text: string; signature?: string }
  | { kind: 'function'; id: string; outputIndex: number; callId: string; name: string; args: string; tool: number };

export function createResponsesEncoder(options: { model?: string; now: () => number }): Stage<StreamPart, string> {
  let seq = 0;
  let shell: ResponseShell = { id: 'resp_router', created: 0, model: options.model ?? '' };
  let started = false;
  let done = false;
  let usage: Usage = emptyUsage();
  const output: Json[] = [];
  const open = new Map<string, Item>();
  let textItem: Extract<Item, { kind: 'message' }> | undefined;
  let reasoning: Extract<Item, { kind: 'reasoning' }> | undefined;
  const tools = new Map<number, Item>();

  const ev = (type: string, body: Json): string => formatSseJson({ type, sequence_number: seq++, ...body }, type);

  const begin = (part?: Extract<StreamPart, { type: 'start' }>): string[] => {
    if (started) return [];
    started = true;
    shell = { id: responseId(part?.id ?? ''), created: part?.created ?? options.now(), model: options.model ?? part?.model ?? '' };
    usage = mergeUsage(usage, part?.usage);
    const response = responseObject(shell, { status: 'in_progress', output: [] });
    return [ev('response.created', { response }), ev('response.in_progress', { response })];
  };

  const add = (item: Item, json: Json): string => {
    open.set(item.id, item);
    return ev('response.output_item.added', { output_index: item.outputIndex, item: json });
  };

  const finishItem = (item: Item): string[] => {
    open.delete(item.id);
    const at = { item_id: item.id, output_index: item.outputIndex };
    let json: Json;
    const out: string[] = [];
    if (item.kind === 'message') {
      const part = { type: 'output_text', text: item.text, annotations: [], logprobs: [] };
      out.push(ev('response.output_text.done', { ...at, content_index: 0, text: item.text, logprobs: [] }), ev('response.content_part.done', { ...at, content_index: 0, part }));
      json = messageItem(item.id, item.text, 'completed');
      textItem = undefined;
    } else if (item.kind === 'reasoning') {
      out.push(ev('response.reasoning_summary_text.done', { ...at, summary_index: 0, text: item.text }), ev('response.reasoning_summary_part.done', { ...at, summary_index: 0, part: { type: 'summary_text', text: item.text } }));
      json = reasoningItem(item.id, item.text, item.signature);
      reasoning = undefined;
    } else {
      out.push(ev('response.function_call_arguments.done', { ...at, arguments: item.args }));
      json = functionCallItem(item.id, item.callId, item.name, item.args, 'completed');
    }
    output[item.outputIndex] = json;
    out.push(ev('response.output_item.done', { output_index: item.outputIndex, item: json }));
    return out;
  };

  const closeAll = (): string[] => [...open.values()].sort((a, b) => a.outputIndex - b.outputIndex).flatMap(finishItem);
  const nextIndex = (): number => output.push({}) - 1;
  const base = (): string => shell.id.slice('resp_'.length);

  return {
    push(part) {
      if (done) return [];
      if (part.type === 'start') return begin(part);
      const out = begin();
      switch (part.type) {
        case 'text-delta': {
          if (part.text === '') break;
          if (reasoning) out.push(...finishItem(reasoning));
          if (!textItem) {
            textItem = { kind: 'message', id: `msg_${base()}_${output.length}`, outputIndex: nextIndex(), text: '' };
            out.push(add(textItem, messageItem(textItem.id, '', 'in_progress')));
            out.push(ev('response.content_part.added', { item_id: textItem.id, output_index: textItem.outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } }));
          }
          textItem.text += part.text;
          out.push(ev('response.output_text.delta', { item_id: textItem.id, output_index: textItem.outputIndex, content_index: 0, delta: part.text, logprobs: [] }));
          break;
        }
        case 'reasoning-delta': {
          if (!reasoning) {
            reasoning = { kind: 'reasoning', id: `rs_${base()}_${output.length}`, outputIndex: nextIndex(), text: '' };
            out.push(add(reasoning, reasoningItem(reasoning.id, undefined)));
            out.push(ev('response.reasoning_summary_part.added', { item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0, part: { type: 'summary_text', text: '' } }));
          }
          reasoning.text += part.text;
          out.push(ev('response.reasoning_summary_text.delta', { item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0, delta: part.text }));
          break;
        }
        case 'reasoning-signature':
          if (reasoning) reasoning.signature = (reasoning.signature ?? '') + part.signature;
          break;
        case 'tool-call-start': {
          if (reasoning) out.push(...finishItem(reasoning));
          if (textItem) out.push(...finishItem(textItem));
          const item: Item = { kind: 'function', id: `fc_${base()}_${output.length}`, outputIndex: nextIndex(), callId: part.id, name: part.name, args: '', tool: part.index };
          tools.set(part.index, item);
          out.push(add(item, functionCallItem(item.id, part.id, part.name, '', 'in_progress')));
          break;
        }
        case 'tool-call-delta': {
          const item = tools.get(part.index);
          if (item?.kind !== 'function') break;
          item.args += part.argumentsDelta;
          out.push(ev('response.function_call_arguments.delta', { item_id: item.id, output_index: item.outputIndex, delta: part.argumentsDelta }));
          break;
        }
        case 'usage':
          usage = mergeUsage(usage, part.usage);
          break;
        case 'finish': {
          done = true;
          out.push(...closeAll());
          const { status, incomplete } = statusFor(part.finishReason);
          const response = responseObject(shell, { status, output: output.filter((o) => Object.keys(o).length > 0), usage, incomplete });
          out.push(ev(status === 'completed' ? 'response.completed' : 'response.incomplete', { response }));
          break;
        }
        case 'error': {
          done = true;
          const error = renderError('openai-responses', part.error).body.error as Json;
          const response = responseObject(shell, { status: 'failed', output: output.filter((o) => Object.keys(o).length > 0), usage, error: { code: error.code ?? error.type, message: error.message } });
          out.push(ev('response.failed', { response }));
          break;
        }
        default:
          break; // redacted thinking has no Responses representation
      }
      return out;
    },
    flush() {
      if (done) return [];
      done = true;
      const out = begin();
      const response = responseObject(shell, { status: 'failed', output: [], usage, error: { code: 'server_error', message: 'stream ended before the response was complete' } });
      return [...out, ev('response.failed', { response })];
    },
  };
}
