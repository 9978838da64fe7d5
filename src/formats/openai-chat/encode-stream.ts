/** Canonical stream parts -> OpenAI Chat Completions SSE text (for an OpenAI-format client). */
import type { FinishReason, StreamPart, Usage } from '../canonical/types.js';
import { emptyUsage, mergeUsage } from '../canonical/usage.js';
import { renderError } from '../errors.js';
import { formatSse, formatSseJson } from '../sse/sse.js';
import type { Stage } from '../stream/stage.js';
import type { Json } from '../shared/values.js';
import { chatCompletionId } from './build-response.js';
import { chatAnnotation } from './annotations.js';
import { finishToOpenAI, usageToOpenAI } from './usage-and-finish.js';

export interface OpenAIChatEncodeOptions {
  /** Client asked for `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Model name the client should see (default: the upstream's). */
  model?: string;
  now: () => number;
}

export function createOpenAIChatEncoder(options: OpenAIChatEncodeOptions): Stage<StreamPart, string> {
  let id = 'chatcmpl-router';
  let model = options.model ?? '';
  let created = 0;
  let started = false;
  let done = false;
  let usage: Usage = emptyUsage();
  /** Per tool call: its arguments so far, and whether its raw text deltas are being wrapped as `{"input": ...}`. */
  const tools = new Map<number, { args: number; custom: boolean }>();

  const chunk = (delta: Json, finish: string | null = null): string =>
    formatSseJson({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  /** `chunk({ content: text })` with the unchanging part built once: one JSON.stringify of the text per delta. */
  let textEnvelope: [string, string] | undefined;
  const textChunk = (text: string): string => {
    textEnvelope ??= chunk({ content: '\u0000' }).split('"\\u0000"') as [string, string];
    return `${textEnvelope[0]}${JSON.stringify(text)}${textEnvelope[1]}`;
  };

  const begin = (part?: Extract<StreamPart, { type: 'start' }>): string[] => {
    if (started) return [];
    started = true;
    if (part) {
      id = chatCompletionId(part.id || 'router');
      model = options.model ?? part.model;
      usage = mergeUsage(usage, part.usage);
    }
    created = part?.created ?? options.now();
    return [chunk({ role: 'assistant', content: '' })];
  };

  const argsDelta = (index: number, text: string): string => chunk({ tool_calls: [{ index, function: { arguments: text } }] });

  /** Tool calls with no arguments get "{}" (clients JSON.parse them); wrapped free-form calls get their closing quote. */
  const closeTools = (): string[] => {
    const out: string[] = [];
    for (const [index, tool] of tools) {
      if (tool.custom) out.push(argsDelta(index, tool.args === 0 ? '{"input":""}' : '"}'));
      else if (tool.args === 0) out.push(argsDelta(index, '{}'));
    }
    tools.clear();
    return out;
  };

  const end = (reason: FinishReason): string[] => {
    done = true;
    const out = [...closeTools(), chunk({}, finishToOpenAI(reason))];
    if (options.includeUsage) out.push(formatSseJson({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: usageToOpenAI(usage) }));
    out.push(formatSse('[DONE]'));
    return out;
  };

  return {
    push(part) {
      if (done) return [];
      if (part.type === 'start') return begin(part);
      if (part.type === 'error') {
        done = true;
        return [formatSseJson(renderError('openai-chat', part.error).body)];
      }
      const out = begin();
      switch (part.type) {
        case 'text-delta':
          out.push(textChunk(part.text));
          break;
        case 'reasoning-delta':
          out.push(chunk({ reasoning_content: part.text }));
          break;
        case 'tool-call-start':
          tools.set(part.index, { args: 0, custom: part.custom === true });
          out.push(chunk({ tool_calls: [{ index: part.index, id: part.id, type: 'function', function: { name: part.name, arguments: '' } }] }));
          break;
        case 'tool-call-delta': {
          if (part.argumentsDelta === '') break;
          const tool = tools.get(part.index);
          const text = tool?.custom ? `${tool.args === 0 ? '{"input":"' : ''}${JSON.stringify(part.argumentsDelta).slice(1, -1)}` : part.argumentsDelta;
          if (tool) tool.args += part.argumentsDelta.length;
          out.push(argsDelta(part.index, text));
          break;
        }
        case 'citation':
          out.push(chunk({ annotations: [chatAnnotation(part.citation)] }));
          break;
        case 'usage':
          usage = mergeUsage(usage, part.usage);
          break;
        case 'finish':
          out.push(...end(part.finishReason));
          break;
        default:
          break; // signatures, redacted and encrypted reasoning have no OpenAI Chat representation
      }
      return out;
    },
    flush() {
      if (done) return [];
      done = true;
      return [formatSseJson(renderError('openai-chat', { status: 502, kind: 'api_error', message: 'stream ended before the response was complete' }).body)];
    },
  };
}
