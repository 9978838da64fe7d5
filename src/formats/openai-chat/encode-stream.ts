/** Canonical stream parts -> OpenAI Chat Completions SSE text (for an OpenAI-format client). */
import type { FinishReason, StreamPart, Usage } from '../canonical/types.js';
import { emptyUsage, mergeUsage } from '../canonical/usage.js';
import { renderError } from '../errors.js';
import { formatSse, formatSseJson } from '../sse/sse.js';
import type { Stage } from '../stream/stage.js';
import type { Json } from '../shared/values.js';
import { chatCompletionId } from './build-response.js';
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

  const chunk = (delta: Json, finish: string | null = null): string =>
    formatSseJson({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });

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

  const end = (reason: FinishReason): string[] => {
    done = true;
    const out = [chunk({}, finishToOpenAI(reason))];
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
          out.push(chunk({ content: part.text }));
          break;
        case 'reasoning-delta':
          out.push(chunk({ reasoning_content: part.text }));
          break;
        case 'tool-call-start':
          out.push(chunk({ tool_calls: [{ index: part.index, id: part.id, type: 'function', function: { name: part.name, arguments: '' } }] }));
          break;
        case 'tool-call-delta':
          out.push(chunk({ tool_calls: [{ index: part.index, function: { arguments: part.argumentsDelta } }] }));
          break;
        case 'usage':
          usage = mergeUsage(usage, part.usage);
          break;
        case 'finish':
          out.push(...end(part.finishReason));
          break;
        default:
          break; // signatures and redacted thinking have no OpenAI Chat representation
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
