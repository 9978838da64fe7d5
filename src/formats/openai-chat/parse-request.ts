/** OpenAI Chat Completions request -> canonical request. */
import type { AssistantPart, CacheControl, CanonicalMessage, CanonicalRequest, TextPart, ToolChoice, ToolDefinition, UserPart } from '../canonical/types.js';
import { Warnings, type Converted } from '../canonical/warnings.js';
import { invalid } from '../codec-error.js';
import { normalizeEffort } from '../shared/reasoning.js';
import { arr, defined, imageFromUrl, isRecord, num, str, type Json } from '../shared/values.js';
import { appendMessage } from '../shared/messages.js';
import { jsonSchemaFormat } from '../shared/response-format.js';

function cacheOf(part: Json): { cacheControl?: CacheControl } {
  return isRecord(part.cache_control) && part.cache_control.type === 'ephemeral' ? { cacheControl: part.cache_control as unknown as CacheControl } : {};
}

function textParts(content: unknown, w: Warnings, where: string): TextPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const out: TextPart[] = [];
  for (const part of arr(content)) {
    if (isRecord(part) && (part.type === 'text' || part.type === 'input_text') && typeof part.text === 'string') out.push({ type: 'text', text: part.text, ...cacheOf(part) });
    else if (isRecord(part)) w.add('unsupported-content', `${String(part.type)} in ${where}`, `${String(part.type)} content in ${where} messages cannot be carried over; dropped`);
  }
  return out;
}

function userParts(content: unknown, w: Warnings): UserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const out: UserPart[] = [];
  for (const part of arr(content)) {
    if (!isRecord(part)) continue;
    if ((part.type === 'text' || part.type === 'input_text') && typeof part.text === 'string') out.push({ type: 'text', text: part.text, ...cacheOf(part) });
    else if (part.type === 'image_url' && isRecord(part.image_url) && typeof part.image_url.url === 'string') {
      out.push(defined({ type: 'image', source: imageFromUrl(part.image_url.url) } as UserPart & { type: 'image' }, { detail: str(part.image_url.detail), ...cacheOf(part) }));
    } else w.add('unsupported-content', String(part.type), `user content of type ${String(part.type)} cannot be carried over; dropped`);
  }
  return out;
}

function assistantParts(message: Json, w: Warnings): AssistantPart[] {
  const out: AssistantPart[] = [];
  const reasoning = str(message.reasoning_content) ?? str(message.reasoning);
  if (reasoning) out.push({ type: 'reasoning', text: reasoning });
  out.push(...textParts(message.content, w, 'assistant'));
  if (typeof message.refusal === 'string' && message.refusal !== '') out.push({ type: 'text', text: message.refusal });
  arr(message.tool_calls).forEach((call) => {
    if (!isRecord(call) || !isRecord(call.function)) return;
    const args = call.function.arguments;
    out.push({ type: 'tool_call', id: str(call.id) ?? '', name: str(call.function.name) ?? '', arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}) });
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
    out.push(defined({ name: fn.name, inputSchema: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} } } as ToolDefinition, { description: str(fn.description), strict: typeof fn.strict === 'boolean' ? fn.strict : undefined }));
  }
  for (const fn of arr(body.functions)) {
    if (isRecord(fn) && typeof fn.name === 'string') out.push(defined({ name: fn.name, inputSchema: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} } } as ToolDefinition, { description: str(fn.description) }));
  }
  return out;
}

export function parseOpenAIChatRequest(body: unknown): Converted<CanonicalRequest> {
  if (!isRecord(body)) throw invalid('request body must be a JSON object');
  if (!Array.isArray(body.messages)) throw invalid('messages must be an array', 'messages');
  const w = new Warnings();
  const system: TextPart[] = [];
  const messages: CanonicalMessage[] = [];
  body.messages.forEach((message, i) => {
    if (!isRecord(message)) throw invalid(`messages[${i}] must be an object`, `messages[${i}]`);
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...textParts(message.content, w, 'system'));
        break;
      case 'user':
        appendMessage(messages, { role: 'user', content: userParts(message.content, w) });
        break;
      case 'assistant':
        appendMessage(messages, { role: 'assistant', content: assistantParts(message, w) });
        break;
      case 'tool':
      case 'function': {
        const content = textParts(message.content, w, 'tool');
        appendMessage(messages, { role: 'user', content: [{ type: 'tool_result', toolCallId: str(message.tool_call_id) ?? str(message.name) ?? '', content }] });
        break;
      }
      default:
        throw invalid(`messages[${i}].role must be system, developer, user, assistant or tool`, `messages[${i}].role`);
    }
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
  });
  if (num(body.n) !== undefined && body.n !== 1) w.add('unsupported-field', 'n', 'n > 1 is not supported through the router; one choice is returned');
  for (const field of ['logprobs', 'top_logprobs', 'logit_bias', 'audio', 'modalities', 'prediction', 'web_search_options']) w.drop(body[field], field, 'the canonical request');
  return { value: request, warnings: w.list };
}

export function parseResponseFormat(value: unknown): CanonicalRequest['responseFormat'] {
  if (!isRecord(value)) return undefined;
  if (value.type === 'json_object' || value.type === 'text') return { type: value.type };
  if (value.type === 'json_schema' && isRecord(value.json_schema)) return jsonSchemaFormat(value.json_schema);
  return undefined;
}
