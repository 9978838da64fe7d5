/** OpenAI Responses API request -> canonical request. Forward-compatible: see ADR 0009. */
import type { CanonicalMessage, CanonicalRequest, ImagePart, OpaquePart, TextPart, ToolChoice, ToolDefinition, UserPart } from '../canonical/types.js';
import { Warnings, type Converted } from '../canonical/warnings.js';
import { CodecError, invalid } from '../codec-error.js';
import { appendMessage } from '../shared/messages.js';
import { openaiExtras, OPENAI_EXTRA_FIELDS } from '../shared/openai-extras.js';
import { openaiFilePart } from '../shared/openai-files.js';
import { jsonSchemaFormat } from '../shared/response-format.js';
import { normalizeEffort } from '../shared/reasoning.js';
import { fromEncryptedContent } from '../shared/reasoning-token.js';
import { warnUnknownFields } from '../shared/unknown-fields.js';
import { arr, defined, imageFromUrl, isRecord, num, str, type Json } from '../shared/values.js';
import { customToolSchema } from '../shared/custom-tools.js';

const KNOWN_FIELDS = [
  'model',
  'input',
  'instructions',
  'stream',
  'stream_options',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'temperature',
  'top_p',
  'reasoning',
  'text',
  'user',
  'metadata',
  'previous_response_id',
  'include',
  ...OPENAI_EXTRA_FIELDS,
];
const NO_EQUIVALENT = ['conversation', 'background', 'prompt', 'truncation', 'max_tool_calls', 'top_logprobs'];

function opaque(part: Json, origin: string): OpaquePart {
  const text = typeof part.text === 'string' ? part.text : typeof part.output === 'string' ? part.output : undefined;
  const binary = ['input_audio', 'input_file', 'input_image'].includes(String(part.type)) || typeof part.data === 'string';
  return defined({ type: 'opaque', kind: String(part.type ?? 'unknown'), binary, origin } as OpaquePart, { text });
}

function contentParts(content: unknown, origin: string): UserPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return arr(content).flatMap((part, j): UserPart[] => {
    if (!isRecord(part)) return [];
    const at = `${origin}.content[${j}]`;
    if ((part.type === 'input_text' || part.type === 'output_text' || part.type === 'text') && typeof part.text === 'string')
      return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    if (part.type === 'input_image' && typeof part.image_url === 'string')
      return [defined({ type: 'image', source: imageFromUrl(part.image_url) } as ImagePart, { detail: str(part.detail) })];
    if (part.type === 'input_file') return [openaiFilePart(part, at) ?? opaque(part, at)];
    if (part.type === 'refusal' && typeof part.refusal === 'string') return [{ type: 'text', text: part.refusal }];
    return [opaque(part, at)];
  });
}

const textOnly = (parts: UserPart[]): TextPart[] => parts.filter((p): p is TextPart => p.type === 'text');

function messageItem(item: Json, origin: string, system: TextPart[], messages: CanonicalMessage[], w: Warnings): void {
  const parts = contentParts(item.content, origin);
  switch (item.role) {
    case 'system':
    case 'developer':
      if (messages.length === 0) system.push(...textOnly(parts));
      else appendMessage(messages, { role: 'system', content: textOnly(parts) });
      return;
    case 'assistant':
      appendMessage(messages, { role: 'assistant', content: parts.filter((p): p is TextPart | OpaquePart => p.type === 'text' || p.type === 'opaque') });
      return;
    case 'user':
      appendMessage(messages, { role: 'user', content: parts });
      return;
    default: {
      const text = textOnly(parts);
      if (text.length === 0) {
        w.add('unsupported-content', `role ${String(item.role)}`, `${origin} has role ${JSON.stringify(item.role)} and no text; dropped`);
        return;
      }
      w.add('lossy-mapping', `role ${String(item.role)}`, `${origin} has role ${JSON.stringify(item.role)}; sent as a user turn`);
      appendMessage(messages, { role: 'user', content: text });
    }
  }
}

function toolOutput(output: unknown, origin: string): UserPart[] {
  return typeof output === 'string' ? [{ type: 'text', text: output }] : contentParts(output, origin);
}

function items(input: unknown, system: TextPart[], w: Warnings): CanonicalMessage[] {
  const messages: CanonicalMessage[] = [];
  if (typeof input === 'string') return [{ role: 'user', content: [{ type: 'text', text: input }] }];
  arr(input).forEach((item, i) => {
    if (!isRecord(item)) throw invalid(`input[${i}] must be an object`, `input[${i}]`);
    const origin = `input[${i}]`;
    const type = item.type ?? 'message';
    if (type === 'message') messageItem(item, origin, system, messages, w);
    else if (type === 'function_call') {
      appendMessage(messages, {
        role: 'assistant',
        content: [{ type: 'tool_call', id: str(item.call_id) ?? '', name: str(item.name) ?? '', arguments: str(item.arguments) ?? '{}' }],
      });
    } else if (type === 'custom_tool_call') {
      appendMessage(messages, {
        role: 'assistant',
        content: [
          {
            type: 'tool_call',
            id: str(item.call_id) ?? '',
            name: str(item.name) ?? '',
            arguments: JSON.stringify({ input: str(item.input) ?? '' }),
            custom: true,
          },
        ],
      });
    } else if (type === 'function_call_output' || type === 'custom_tool_call_output') {
      const content = toolOutput(item.output, origin).filter((p): p is Exclude<UserPart, { type: 'tool_result' }> => p.type !== 'tool_result');
      appendMessage(messages, { role: 'user', content: [{ type: 'tool_result', toolCallId: str(item.call_id) ?? '', content }] });
    } else if (type === 'reasoning') {
      const text = arr(item.summary)
        .map((s) => (isRecord(s) ? (str(s.text) ?? '') : ''))
        .join('\n\n');
      const token = str(item.encrypted_content);
      appendMessage(messages, { role: 'assistant', content: [{ type: 'reasoning', text, ...(token ? fromEncryptedContent(token) : {}) }] });
    } else if (type === 'item_reference') {
      throw new CodecError(
        `${origin} is an item_reference, which needs the provider's stored responses; only Responses-format providers can resolve it. Send the full items instead`,
        { param: origin },
      );
    } else {
      const part = opaque(item, origin);
      appendMessage(messages, String(type).endsWith('_output') ? { role: 'user', content: [part] } : { role: 'assistant', content: [part] });
    }
  });
  return messages;
}

function tools(value: unknown, w: Warnings): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  for (const tool of arr(value)) {
    if (!isRecord(tool)) continue;
    if (tool.type === 'function' && typeof tool.name === 'string') {
      out.push(
        defined({ name: tool.name, inputSchema: isRecord(tool.parameters) ? tool.parameters : { type: 'object', properties: {} } } as ToolDefinition, {
          description: str(tool.description),
          strict: typeof tool.strict === 'boolean' ? tool.strict : undefined,
        }),
      );
    } else if (tool.type === 'custom' && typeof tool.name === 'string') {
      const format = isRecord(tool.format) ? tool.format : undefined;
      out.push(
        defined({ name: tool.name, inputSchema: customToolSchema(format), custom: format ? { format } : {} } as ToolDefinition, {
          description: str(tool.description),
        }),
      );
    } else
      w.add('unsupported-tool', String(tool.type), `hosted tool ${String(tool.type)} runs on OpenAI's side and has no equivalent in other formats; dropped`);
  }
  return out;
}

function toolChoice(value: unknown): ToolChoice | undefined {
  if (value === 'auto' || value === 'none' || value === 'required') return { type: value };
  if (isRecord(value) && (value.type === 'function' || value.type === 'custom') && typeof value.name === 'string') return { type: 'tool', name: value.name };
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
    throw new CodecError(
      "previous_response_id needs the provider's stored responses; " +
        'only Responses-format providers can resolve it. Send the whole conversation in input (Codex CLI does this by default).',
      { param: 'previous_response_id', code: 'unsupported_parameter' },
    );
  }
  if (body.input === undefined) throw invalid("Missing required parameter: 'input'.", 'input');
  const w = new Warnings();
  const system: TextPart[] = [];
  if (typeof body.instructions === 'string' && body.instructions !== '') system.push({ type: 'text', text: body.instructions });
  const messages = items(body.input, system, w);
  const request: CanonicalRequest = {
    model: str(body.model) ?? '',
    system,
    messages,
    tools: tools(body.tools, w),
    stream: body.stream === true,
    streamUsage: true,
  };
  const reasoning = isRecord(body.reasoning) ? body.reasoning : undefined;
  const effort = normalizeEffort(reasoning?.effort);
  defined(request, {
    toolChoice: toolChoice(body.tool_choice),
    parallelToolCalls: typeof body.parallel_tool_calls === 'boolean' ? body.parallel_tool_calls : undefined,
    maxTokens: num(body.max_output_tokens),
    temperature: num(body.temperature),
    topP: num(body.top_p),
    reasoning: effort
      ? defined({ enabled: effort !== 'none', effort } as NonNullable<CanonicalRequest['reasoning']>, { summary: str(reasoning?.summary) })
      : undefined,
    responseFormat: responseFormat(body.text),
    user: str(body.user),
    metadata: isRecord(body.metadata) ? (body.metadata as Record<string, string>) : undefined,
    openai: openaiExtras(body, isRecord(body.text) ? body.text.verbosity : undefined),
  });
  for (const field of NO_EQUIVALENT) w.drop(body[field], field, 'providers in other formats');
  warnUnknownFields(body, [...KNOWN_FIELDS, ...NO_EQUIVALENT], 'OpenAI Responses', w);
  return { value: request, warnings: w.list };
}
