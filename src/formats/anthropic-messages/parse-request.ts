/** Anthropic Messages request -> canonical request. */
import type { AssistantPart, CacheControl, CanonicalMessage, CanonicalRequest, ImagePart, TextPart, ToolChoice, ToolDefinition, UserPart } from '../canonical/types.js';
import { Warnings, type Converted } from '../canonical/warnings.js';
import { invalid } from '../codec-error.js';
import { appendMessage } from '../shared/messages.js';
import { normalizeEffort } from '../shared/reasoning.js';
import { arr, defined, isRecord, num, str, type Json } from '../shared/values.js';

function cache(block: Json): { cacheControl?: CacheControl } {
  return isRecord(block.cache_control) ? { cacheControl: block.cache_control as unknown as CacheControl } : {};
}

function image(block: Json): ImagePart | undefined {
  const source = isRecord(block.source) ? block.source : undefined;
  if (source?.type === 'base64' && typeof source.data === 'string') {
    return { type: 'image', source: { kind: 'base64', mediaType: str(source.media_type) ?? 'image/png', data: source.data }, ...cache(block) };
  }
  if (source?.type === 'url' && typeof source.url === 'string') return { type: 'image', source: { kind: 'url', url: source.url }, ...cache(block) };
  return undefined;
}

function blocks(content: unknown): Json[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return arr(content).filter(isRecord);
}

function toolResultContent(content: unknown, w: Warnings): (TextPart | ImagePart)[] {
  const out: (TextPart | ImagePart)[] = [];
  for (const block of blocks(content)) {
    if (block.type === 'text' && typeof block.text === 'string') out.push({ type: 'text', text: block.text });
    else if (block.type === 'image' && image(block)) out.push(image(block) as ImagePart);
    else w.add('unsupported-content', `${String(block.type)} in tool_result`, `${String(block.type)} blocks in tool results cannot be carried over; dropped`);
  }
  return out;
}

function userContent(content: unknown, w: Warnings): UserPart[] {
  const out: UserPart[] = [];
  for (const block of blocks(content)) {
    if (block.type === 'text' && typeof block.text === 'string') out.push({ type: 'text', text: block.text, ...cache(block) });
    else if (block.type === 'image' && image(block)) out.push(image(block) as ImagePart);
    else if (block.type === 'tool_result') {
      out.push(defined({ type: 'tool_result', toolCallId: str(block.tool_use_id) ?? '', content: toolResultContent(block.content, w) } as UserPart & { type: 'tool_result' }, {
        isError: block.is_error === true ? true : undefined,
        ...cache(block),
      }));
    } else w.add('unsupported-content', String(block.type), `user content of type ${String(block.type)} cannot be carried over; dropped`);
  }
  return out;
}

function assistantContent(content: unknown, w: Warnings): AssistantPart[] {
  const out: AssistantPart[] = [];
  for (const block of blocks(content)) {
    if (block.type === 'text' && typeof block.text === 'string') out.push({ type: 'text', text: block.text, ...cache(block) });
    else if (block.type === 'tool_use') out.push({ type: 'tool_call', id: str(block.id) ?? '', name: str(block.name) ?? '', arguments: JSON.stringify(block.input ?? {}), ...cache(block) });
    else if (block.type === 'thinking') out.push(defined({ type: 'reasoning', text: str(block.thinking) ?? '' } as AssistantPart & { type: 'reasoning' }, { signature: str(block.signature) }));
    else if (block.type === 'redacted_thinking') out.push({ type: 'reasoning', text: '', redactedData: str(block.data) ?? '' });
    else w.add('unsupported-content', String(block.type), `assistant content of type ${String(block.type)} cannot be carried over; dropped`);
  }
  return out;
}

function tools(value: unknown, w: Warnings): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  for (const tool of arr(value)) {
    if (!isRecord(tool)) continue;
    if (tool.type !== undefined && tool.type !== 'custom') {
      w.add('unsupported-tool', String(tool.type), `server tool ${String(tool.type)} only exists on Anthropic; dropped`);
      continue;
    }
    out.push(defined({ name: str(tool.name) ?? '', inputSchema: isRecord(tool.input_schema) ? tool.input_schema : { type: 'object', properties: {} } } as ToolDefinition, { description: str(tool.description), ...cache(tool) }));
  }
  return out;
}

function toolChoice(value: unknown): { choice?: ToolChoice; parallel?: boolean } {
  if (!isRecord(value)) return {};
  const parallel = value.disable_parallel_tool_use === true ? false : undefined;
  const choice: ToolChoice | undefined =
    value.type === 'auto' ? { type: 'auto' } : value.type === 'any' ? { type: 'required' } : value.type === 'none' ? { type: 'none' } : value.type === 'tool' && typeof value.name === 'string' ? { type: 'tool', name: value.name } : undefined;
  return defined({} as { choice?: ToolChoice; parallel?: boolean }, { choice, parallel });
}

export function parseAnthropicRequest(body: unknown): Converted<CanonicalRequest> {
  if (!isRecord(body)) throw invalid('request body must be a JSON object');
  if (!Array.isArray(body.messages)) throw invalid('messages: Field required', 'messages');
  const w = new Warnings();
  const messages: CanonicalMessage[] = [];
  body.messages.forEach((message, i) => {
    if (!isRecord(message) || (message.role !== 'user' && message.role !== 'assistant')) throw invalid(`messages.${i}.role: must be "user" or "assistant"`, `messages.${i}.role`);
    appendMessage(messages, message.role === 'user' ? { role: 'user', content: userContent(message.content, w) } : { role: 'assistant', content: assistantContent(message.content, w) });
  });
  const system: TextPart[] = blocks(body.system ?? []).flatMap((b) => (b.type === 'text' && typeof b.text === 'string' ? [{ type: 'text' as const, text: b.text, ...cache(b) }] : []));
  const { choice, parallel } = toolChoice(body.tool_choice);
  const thinking = isRecord(body.thinking) ? body.thinking : undefined;
  const request: CanonicalRequest = { model: str(body.model) ?? '', system, messages, tools: tools(body.tools, w), stream: body.stream === true };
  const effort = normalizeEffort(isRecord(body.output_config) ? body.output_config.effort : undefined);
  defined(request, {
    toolChoice: choice,
    parallelToolCalls: parallel,
    maxTokens: num(body.max_tokens),
    temperature: num(body.temperature),
    topP: num(body.top_p),
    topK: num(body.top_k),
    stop: arr(body.stop_sequences).filter((s): s is string => typeof s === 'string').length ? arr(body.stop_sequences).filter((s): s is string => typeof s === 'string') : undefined,
    reasoning:
      thinking?.type === 'enabled' ? defined({ enabled: true } as NonNullable<CanonicalRequest['reasoning']>, { budgetTokens: num(thinking.budget_tokens), effort })
      : thinking?.type === 'disabled' ? { enabled: false }
      : thinking?.type === 'adaptive' || effort ? defined({ enabled: true } as NonNullable<CanonicalRequest['reasoning']>, { effort: effort ?? 'medium' })
      : undefined,
    user: isRecord(body.metadata) ? str(body.metadata.user_id) : undefined,
  });
  for (const field of ['container', 'mcp_servers', 'service_tier', 'context_management']) w.drop(body[field], field, 'the canonical request');
  return { value: request, warnings: w.list };
}
