/** OpenAI Chat Completions request -> canonical request. Forward-compatible: see ADR 0009. */
import type {
  AssistantPart,
  CacheControl,
  CanonicalMessage,
  CanonicalRequest,
  OpaquePart,
  TextPart,
  ToolChoice,
  ToolDefinition,
  UserPart,
} from '../canonical/types.js';
import { Warnings, type Converted } from '../canonical/warnings.js';
import { invalid } from '../codec-error.js';
import { normalizeEffort } from '../shared/reasoning.js';
import { openaiExtras, OPENAI_EXTRA_FIELDS } from '../shared/openai-extras.js';
import { openaiFilePart } from '../shared/openai-files.js';
import { warnUnknownFields } from '../shared/unknown-fields.js';
import { arr, defined, imageFromUrl, isRecord, num, str, type Json } from '../shared/values.js';
import { appendMessage } from '../shared/messages.js';
import { jsonSchemaFormat } from '../shared/response-format.js';

const KNOWN_FIELDS = [
  'model',
  'messages',
  'stream',
  'stream_options',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'functions',
  'function_call',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop',
  'reasoning_effort',
  'reasoning',
  'response_format',
  'user',
  'metadata',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'n',
  ...OPENAI_EXTRA_FIELDS,
];
const NO_EQUIVALENT = ['logprobs', 'top_logprobs', 'logit_bias', 'audio', 'modalities', 'prediction', 'web_search_options'];

function cacheOf(part: Json): { cacheControl?: CacheControl } {
  return isRecord(part.cache_control) && part.cache_control.type === 'ephemeral' ? { cacheControl: part.cache_control as unknown as CacheControl } : {};
}

function opaque(part: Json, origin: string): OpaquePart {
  const text = typeof part.text === 'string' ? part.text : typeof part.refusal === 'string' ? part.refusal : undefined;
  const binary = ['input_audio', 'file', 'input_file', 'image_url', 'input_image'].includes(String(part.type)) || typeof part.data === 'string';
  return defined({ type: 'opaque', kind: String(part.type ?? 'unknown'), binary, origin } as OpaquePart, { text });
}

function textParts(content: unknown): TextPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return arr(content).flatMap((part) =>
    isRecord(part) && typeof part.text === 'string' && part.text !== '' ? [{ type: 'text' as const, text: part.text, ...cacheOf(part) }] : [],
  );
}

function userParts(content: unknown, origin: string): UserPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return arr(content).flatMap((part, j): UserPart[] => {
    if (!isRecord(part)) return [];
    const at = `${origin}.content[${j}]`;
    if ((part.type === 'text' || part.type === 'input_text') && typeof part.text === 'string') return [{ type: 'text', text: part.text, ...cacheOf(part) }];
    if (part.type === 'image_url' && isRecord(part.image_url) && typeof part.image_url.url === 'string') {
      return [
        defined({ type: 'image', source: imageFromUrl(part.image_url.url) } as UserPart & { type: 'image' }, {
          detail: str(part.image_url.detail),
          ...cacheOf(part),
        }),
      ];
    }
    if (part.type === 'file' && isRecord(part.file)) return [openaiFilePart(part.file, at) ?? opaque(part, at)];
    return [opaque(part, at)];
  });
}

function assistantParts(message: Json, origin: string, w: Warnings): AssistantPart[] {
  const out: AssistantPart[] = [];
  const reasoning = str(message.reasoning_content) ?? str(message.reasoning);
  if (reasoning) out.push({ type: 'reasoning', text: reasoning });
  if (typeof message.content === 'string') {
    if (message.content !== '') out.push({ type: 'text', text: message.content });
  } else {
    arr(message.content).forEach((part, j) => {
      if (!isRecord(part)) return;
      if ((part.type === 'text' || part.type === 'output_text') && typeof part.text === 'string') {
        if (part.text !== '') out.push({ type: 'text', text: part.text, ...cacheOf(part) });
      } else if (part.type === 'refusal' && typeof part.refusal === 'string') out.push({ type: 'text', text: part.refusal });
      else out.push(opaque(part, `${origin}.content[${j}]`));
    });
  }
  if (typeof message.refusal === 'string' && message.refusal !== '') out.push({ type: 'text', text: message.refusal });
  arr(message.tool_calls).forEach((call) => {
    if (!isRecord(call) || !isRecord(call.function)) return;
    const args = call.function.arguments;
    out.push({
      type: 'tool_call',
      id: str(call.id) ?? '',
      name: str(call.function.name) ?? '',
      arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
    });
  });
  if (isRecord(message.function_call)) {
    w.add('lossy-mapping', 'function_call', 'legacy function_call converted to a tool call');
    out.push({ type: 'tool_call', id: 'call_legacy', name: str(message.function_call.name) ?? '', arguments: str(message.function_call.arguments) ?? '{}' });
  }
  return out;
}

function toolChoice(value: unknown): ToolChoice | undefined {
  if (value === 'auto' || value === 'none' || value === 'required') return { type: value };
  if (isRecord(value) && isRecord(value.function) && typeof value.function.name === 'string') return { type: 'tool', name: value.function.name };
  return undefined;
}

function tools(body: Json, w: Warnings): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  for (const tool of arr(body.tools)) {
    if (!isRecord(tool)) continue;
    const fn = isRecord(tool.function) ? tool.function : undefined;
    if (tool.type !== 'function' || !fn || typeof fn.name !== 'string') {
      w.add('unsupported-tool', String(tool.type), `tool type ${String(tool.type)} cannot be carried over; dropped`);
      continue;
    }
    out.push(
      defined({ name: fn.name, inputSchema: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} } } as ToolDefinition, {
        description: str(fn.description),
        strict: typeof fn.strict === 'boolean' ? fn.strict : undefined,
      }),
    );
  }
  for (const fn of arr(body.functions)) {
    if (isRecord(fn) && typeof fn.name === 'string')
      out.push(
        defined({ name: fn.name, inputSchema: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} } } as ToolDefinition, {
          description: str(fn.description),
        }),
      );
  }
  return out;
}

/** One message: system text before the first other message is the request's system, later system messages keep their place. */
function addMessage(message: Json, i: number, system: TextPart[], messages: CanonicalMessage[], w: Warnings): void {
  const origin = `messages[${i}]`;
  switch (message.role) {
    case 'system':
    case 'developer':
      if (messages.length === 0) system.push(...textParts(message.content));
      else appendMessage(messages, { role: 'system', content: textParts(message.content) });
      return;
    case 'user':
      appendMessage(messages, { role: 'user', content: userParts(message.content, origin) });
      return;
    case 'assistant':
      appendMessage(messages, { role: 'assistant', content: assistantParts(message, origin, w) });
      return;
    case 'tool':
    case 'function':
      appendMessage(messages, {
        role: 'user',
        content: [{ type: 'tool_result', toolCallId: str(message.tool_call_id) ?? str(message.name) ?? '', content: textParts(message.content) }],
      });
      return;
    default: {
      const text = textParts(message.content);
      if (text.length === 0) {
        w.add('unsupported-content', `role ${String(message.role)}`, `${origin} has role ${JSON.stringify(message.role)} and no text; dropped`);
        return;
      }
      w.add('lossy-mapping', `role ${String(message.role)}`, `${origin} has role ${JSON.stringify(message.role)}; sent as a user turn`);
      appendMessage(messages, { role: 'user', content: text });
    }
  }
}

export function parseOpenAIChatRequest(body: unknown): Converted<CanonicalRequest> {
  if (!isRecord(body)) throw invalid('request body must be a JSON object');
  if (!Array.isArray(body.messages)) throw invalid('messages must be an array', 'messages');
  const w = new Warnings();
  const system: TextPart[] = [];
  const messages: CanonicalMessage[] = [];
  body.messages.forEach((message, i) => {
    if (!isRecord(message)) throw invalid(`messages[${i}] must be an object`, `messages[${i}]`);
    addMessage(message, i, system, messages, w);
  });
  const request: CanonicalRequest = { model: str(body.model) ?? '', system, messages, tools: tools(body, w), stream: body.stream === true };
  const effort = normalizeEffort(body.reasoning_effort) ?? (isRecord(body.reasoning) ? normalizeEffort(body.reasoning.effort) : undefined);
  const stop = typeof body.stop === 'string' ? [body.stop] : arr(body.stop).filter((s): s is string => typeof s === 'string');
  defined(request, {
    toolChoice: toolChoice(body.tool_choice) ?? (body.function_call === 'none' ? { type: 'none' } : undefined),
    parallelToolCalls: typeof body.parallel_tool_calls === 'boolean' ? body.parallel_tool_calls : undefined,
    maxTokens: num(body.max_completion_tokens) ?? num(body.max_tokens),
    temperature: num(body.temperature),
    topP: num(body.top_p),
    topK: num(body.top_k),
    stop: stop.length > 0 ? stop : undefined,
    streamUsage: isRecord(body.stream_options) && body.stream_options.include_usage === true ? true : undefined,
    reasoning: effort ? { enabled: effort !== 'none', effort } : undefined,
    responseFormat: parseResponseFormat(body.response_format),
    user: str(body.user),
    metadata: isRecord(body.metadata) ? (body.metadata as Record<string, string>) : undefined,
    seed: num(body.seed),
    presencePenalty: num(body.presence_penalty),
    frequencyPenalty: num(body.frequency_penalty),
    openai: openaiExtras(body),
  });
  if (num(body.n) !== undefined && body.n !== 1) w.add('unsupported-field', 'n', 'n > 1 is not supported through the router; one choice is returned');
  for (const field of NO_EQUIVALENT) w.drop(body[field], field, 'providers in other formats');
  warnUnknownFields(body, [...KNOWN_FIELDS, ...NO_EQUIVALENT], 'OpenAI Chat', w);
  return { value: request, warnings: w.list };
}

export function parseResponseFormat(value: unknown): CanonicalRequest['responseFormat'] {
  if (!isRecord(value)) return undefined;
  if (value.type === 'json_object' || value.type === 'text') return { type: value.type };
  if (value.type === 'json_schema' && isRecord(value.json_schema)) return jsonSchemaFormat(value.json_schema);
  return undefined;
}
