/** OpenAI Responses API request -> canonical request. */
import type { AssistantPart, CanonicalMessage, CanonicalRequest, ImagePart, TextPart, ToolChoice, ToolDefinition, UserPart } from '../canonical/types.js';
import { Warnings, type Converted } from '../canonical/warnings.js';
import { CodecError, invalid } from '../codec-error.js';
import { appendMessage } from '../shared/messages.js';
import { jsonSchemaFormat } from '../shared/response-format.js';
import { normalizeEffort } from '../shared/reasoning.js';
import { arr, defined, imageFromUrl, isRecord, num, str, type Json } from '../shared/values.js';

function contentParts(content: unknown, w: Warnings): (TextPart | ImagePart)[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const out: (TextPart | ImagePart)[] = [];
  for (const part of arr(content)) {
    if (!isRecord(part)) continue;
    if ((part.type === 'input_text' || part.type === 'output_text' || part.type === 'text') && typeof part.text === 'string') out.push({ type: 'text', text: part.text });
    else if (part.type === 'input_image' && typeof part.image_url === 'string') out.push(defined({ type: 'image', source: imageFromUrl(part.image_url) } as ImagePart, { detail: str(part.detail) }));
    else if (part.type === 'refusal' && typeof part.refusal === 'string') out.push({ type: 'text', text: part.refusal });
    else w.add('unsupported-content', String(part.type), `Responses content of type ${String(part.type)} cannot be carried over; dropped`);
  }
  return out;
}

function items(input: unknown, system: TextPart[], w: Warnings): CanonicalMessage[] {
  const messages: CanonicalMessage[] = [];
  if (typeof input === 'string') return [{ role: 'user', content: [{ type: 'text', text: input }] }];
  arr(input).forEach((item, i) => {
    if (!isRecord(item)) throw invalid(`input[${i}] must be an object`, `input[${i}]`);
    const type = item.type ?? 'message';
    if (type === 'message') {
      const parts = contentParts(item.content, w);
      if (item.role === 'system' || item.role === 'developer') system.push(...parts.filter((p): p is TextPart => p.type === 'text'));
      else if (item.role === 'assistant') appendMessage(messages, { role: 'assistant', content: parts.filter((p): p is TextPart => p.type === 'text') });
      else if (item.role === 'user') appendMessage(messages, { role: 'user', content: parts as UserPart[] });
      else throw invalid(`input[${i}].role must be user, assistant, system or developer`, `input[${i}].role`);
    } else if (type === 'function_call') {
      appendMessage(messages, { role: 'assistant', content: [{ type: 'tool_call', id: str(item.call_id) ?? '', name: str(item.name) ?? '', arguments: str(item.arguments) ?? '{}' }] });
    } else if (type === 'function_call_output') {
      const output = typeof item.output === 'string' ? [{ type: 'text' as const, text: item.output }] : contentParts(item.output, w);
      appendMessage(messages, { role: 'user', content: [{ type: 'tool_result', toolCallId: str(item.call_id) ?? '', content: output }] });
    } else if (type === 'reasoning') {
      const text = arr(item.summary).map((s) => (isRecord(s) ? (str(s.text) ?? '') : '')).join('\n\n');
      const part: AssistantPart = defined({ type: 'reasoning', text } as AssistantPart & { type: 'reasoning' }, { signature: str(item.encrypted_content) });
      appendMessage(messages, { role: 'assistant', content: [part] });
    } else if (type === 'item_reference') {
      throw new CodecError('input items of type item_reference need stored responses, which llm-router does not keep; send the full items instead', { param: `input[${i}]` });
    } else {
      w.add('unsupported-content', String(type), `input items of type ${String(type)} cannot be carried over; dropped`);
    }
  });
  return messages;
}

function tools(value: unknown, w: Warnings): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  for (const tool of arr(value)) {
    if (!isRecord(tool)) continue;
    if (tool.type !== 'function' || typeof tool.name !== 'string') {
      w.add('unsupported-tool', String(tool.type), `hosted tool ${String(tool.type)} only exists on OpenAI; dropped`);
      continue;
    }
    out.push(defined({ name: tool.name, inputSchema: isRecord(tool.parameters) ? tool.parameters : { type: 'object', properties: {} } } as ToolDefinition, { description: str(tool.description), strict: typeof tool.strict === 'boolean' ? tool.strict : undefined }));
  }
  return out;
}

function toolChoice(value: unknown): ToolChoice | undefined {
  if (value === 'auto' || value === 'none' || value === 'required') return { type: value };
  if (isRecord(value) && value.type === 'function' && typeof value.name === 'string') return { type: 'tool', name: value.name };
  return undefined;
}

function responseFormat(text: unknown): CanonicalRequest['responseFormat'] {
  const format = isRecord(text) && isRecord(text.format) ? text.format : undefined;
  if (!format) return undefined;
  if (format.type === 'json_schema') return jsonSchemaFormat(format);
  return format.type === 'json_object' || format.type === 'text' ? { type: format.type } : undefined;
}

export function parseResponsesRequest(body: unknown): Converted<CanonicalRequest> {
  if (!isRecord(body)) throw invalid('request body must be a JSON object');
  if (body.previous_response_id !== undefined && body.previous_response_id !== null) {
    throw new CodecError('previous_response_id is not supported: llm-router does not store responses. Send the whole conversation in input (Codex CLI does this by default).', { param: 'previous_response_id', code: 'unsupported_parameter' });
  }
  if (body.input === undefined) throw invalid("Missing required parameter: 'input'.", 'input');
  const w = new Warnings();
  const system: TextPart[] = [];
  if (typeof body.instructions === 'string' && body.instructions !== '') system.push({ type: 'text', text: body.instructions });
  const messages = items(body.input, system, w);
  const request: CanonicalRequest = { model: str(body.model) ?? '', system, messages, tools: tools(body.tools, w), stream: body.stream === true, streamUsage: true };
  const reasoning = isRecord(body.reasoning) ? body.reasoning : undefined;
  const effort = normalizeEffort(reasoning?.effort);
  defined(request, {
    toolChoice: toolChoice(body.tool_choice),
    parallelToolCalls: typeof body.parallel_tool_calls === 'boolean' ? body.parallel_tool_calls : undefined,
    maxTokens: num(body.max_output_tokens),
    temperature: num(body.temperature),
    topP: num(body.top_p),
    reasoning: effort ? defined({ enabled: effort !== 'none', effort } as NonNullable<CanonicalRequest['reasoning']>, { summary: str(reasoning?.summary) }) : undefined,
    responseFormat: responseFormat(body.text),
    user: str(body.user) ?? str(body.safety_identifier),
    metadata: isRecord(body.metadata) ? (body.metadata as Record<string, string>) : undefined,
  });
  for (const field of ['conversation', 'background', 'prompt', 'truncation']) w.drop((body as Json)[field], field, 'the canonical request');
  return { value: request, warnings: w.list };
}
