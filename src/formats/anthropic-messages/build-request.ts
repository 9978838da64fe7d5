/** Canonical request -> Anthropic Messages request body (for an Anthropic-format upstream). */
import type { AssistantPart, CanonicalRequest, DocumentPart, ImagePart, TextPart, ToolResultContent, UserPart } from '../canonical/types.js';
import { Warnings, type Converted } from '../canonical/warnings.js';
import { openaiExtraFields } from '../shared/openai-extras.js';
import { thinkingFor } from '../shared/reasoning.js';
import { lowerTurn, type TurnLowering } from '../shared/lower-content.js';
import { defined, parseJsonObject, type Json } from '../shared/values.js';

export interface AnthropicBuildOptions {
  model: string;
  /** max_tokens when the client gave none (Anthropic requires it). */
  defaultMaxTokens?: number;
}

export const DEFAULT_MAX_TOKENS = 4096;
const TARGET = 'Anthropic Messages';

const blank = (text: string) => text.trim() === '';

function text(part: TextPart): Json {
  return defined({ type: 'text', text: part.text } as Json, { cache_control: part.cacheControl });
}

function image(part: ImagePart): Json {
  const source =
    part.source.kind === 'base64' ? { type: 'base64', media_type: part.source.mediaType, data: part.source.data } : { type: 'url', url: part.source.url };
  return defined({ type: 'image', source } as Json, { cache_control: part.cacheControl });
}

function documentSource(part: DocumentPart): Json | undefined {
  const s = part.source;
  if (s.kind === 'base64') return { type: 'base64', media_type: s.mediaType, data: s.data };
  if (s.kind === 'url') return { type: 'url', url: s.url };
  if (s.kind === 'text') return { type: 'text', media_type: s.mediaType ?? 'text/plain', data: s.text };
  return s.fileOwner === 'anthropic' ? { type: 'file', file_id: s.fileId } : undefined;
}

function document(part: DocumentPart, turn: TurnLowering): Json | undefined {
  const source = documentSource(part);
  if (!source) {
    const lowered = turn.lower({ kind: 'document', binary: true, origin: part.origin, what: 'an OpenAI file id' });
    return lowered && text(lowered);
  }
  turn.keep();
  return defined({ type: 'document', source } as Json, {
    title: part.title ?? part.filename,
    context: part.context,
    citations: part.citations ? { enabled: true } : undefined,
    cache_control: part.cacheControl,
  });
}

/** One content part of a user turn or tool result; undefined when it is dropped. */
function contentBlock(part: ToolResultContent, turn: TurnLowering): Json | undefined {
  if (part.type === 'text') {
    if (blank(part.text)) return undefined;
    turn.keep();
    return text(part);
  }
  if (part.type === 'image') {
    turn.keep();
    return image(part);
  }
  if (part.type === 'document') return document(part, turn);
  const lowered = turn.lower(part);
  return lowered && text(lowered);
}

function userBlocks(parts: readonly UserPart[], w: Warnings): Json[] {
  const results: Json[] = [];
  const rest: Json[] = [];
  const turn = lowerTurn(TARGET, w);
  for (const part of parts) {
    if (part.type !== 'tool_result') {
      const block = contentBlock(part, turn);
      if (block) rest.push(block);
      continue;
    }
    turn.keep();
    const inner = lowerTurn(TARGET, w);
    const kept = part.content.map((c) => contentBlock(c, inner)).filter((c): c is Json => c !== undefined);
    const plain = kept.every((c) => c.type === 'text' && c.cache_control === undefined);
    const content = plain ? kept.map((c) => c.text as string).join('\n') : kept;
    results.push(defined({ type: 'tool_result', tool_use_id: part.toolCallId, content } as Json, { is_error: part.isError, cache_control: part.cacheControl }));
  }
  turn.end();
  // Anthropic wants tool_result blocks before any other content of the turn.
  return [...results, ...rest];
}

function assistantBlocks(parts: readonly AssistantPart[], w: Warnings): Json[] {
  const out: Json[] = [];
  const turn = lowerTurn(TARGET, w);
  for (const part of parts) {
    if (part.type === 'reasoning') {
      if (part.redactedData !== undefined) out.push({ type: 'redacted_thinking', data: part.redactedData });
      else if (part.signature) out.push({ type: 'thinking', thinking: part.text, signature: part.signature });
      else
        w.add(
          'unsupported-content',
          'unsigned reasoning in history',
          'reasoning from another provider has no Anthropic signature and cannot be sent back; dropped',
        );
    } else if (part.type === 'tool_call') {
      let input = parseJsonObject(part.arguments);
      if (!input) {
        w.add('lossy-mapping', 'tool_call.arguments', `arguments of tool call ${part.id} are not a JSON object; sent as {}`);
        input = {};
      }
      out.push(defined({ type: 'tool_use', id: part.id, name: part.name, input } as Json, { cache_control: part.cacheControl }));
    } else if (part.type === 'opaque') {
      const lowered = turn.lower(part);
      if (lowered) out.push(text(lowered));
    } else if (!blank(part.text)) out.push(text(part));
  }
  return out;
}

/** System text kept where it was sent (Claude Code sends system messages inside `messages`). */
function systemMessage(parts: readonly TextPart[]): Json | undefined {
  const kept = parts.filter((p) => !blank(p.text));
  if (kept.length === 0) return undefined;
  return { role: 'system', content: kept.some((p) => p.cacheControl) ? kept.map(text) : kept.map((p) => p.text).join('\n\n') };
}

function messagesOf(request: CanonicalRequest, w: Warnings): Json[] {
  const messages: Json[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') {
      const built = systemMessage(message.content);
      if (built) messages.push(built);
      continue;
    }
    const content = message.role === 'user' ? userBlocks(message.content, w) : assistantBlocks(message.content, w);
    if (content.length === 0) {
      w.add('unsupported-content', 'empty message', `an empty ${message.role} message was dropped (Anthropic rejects empty content)`);
      continue;
    }
    const last = messages[messages.length - 1];
    if (last && last.role === message.role) (last.content as Json[]).push(...content);
    else messages.push({ role: message.role, content });
  }
  return messages;
}

function responseFormat(request: CanonicalRequest, body: Json, w: Warnings): void {
  const rf = request.responseFormat;
  if (!rf || rf.type === 'text') return;
  if (rf.type === 'json_schema') body.output_config = { ...(body.output_config as Json | undefined), format: { type: 'json_schema', schema: rf.schema } };
  else w.add('unsupported-field', 'response_format', 'Anthropic has no JSON mode without a schema (json_object); dropped');
}

export function buildAnthropicRequest(request: CanonicalRequest, options: AnthropicBuildOptions): Converted<Json> {
  const w = new Warnings();
  const messages = messagesOf(request, w);
  let maxTokens = request.maxTokens;
  if (maxTokens === undefined) {
    maxTokens = options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
    w.add('defaulted', 'max_tokens', `max_tokens is required by Anthropic; using ${maxTokens}`);
  }
  const body: Json = { model: options.model, max_tokens: maxTokens, messages };
  const system = request.system.filter((p) => !blank(p.text));
  if (system.length > 0) body.system = system.some((p) => p.cacheControl) ? system.map(text) : system.map((p) => p.text).join('\n\n');
  if (request.tools.length > 0) {
    body.tools = request.tools.map((t) =>
      defined({ name: t.name, input_schema: { type: 'object', ...t.inputSchema } } as Json, { description: t.description, cache_control: t.cacheControl }),
    );
    const choice = request.toolChoice;
    const base: Json | undefined = !choice
      ? undefined
      : choice.type === 'required'
        ? { type: 'any' }
        : choice.type === 'tool'
          ? { type: 'tool', name: choice.name }
          : { type: choice.type };
    const tc = request.parallelToolCalls === false && base?.type !== 'none' ? { ...(base ?? { type: 'auto' }), disable_parallel_tool_use: true } : base;
    if (tc) body.tool_choice = tc;
  }
  const thinking = request.reasoning ? thinkingFor(request.reasoning, maxTokens) : undefined;
  if (thinking) {
    body.thinking = { type: 'enabled', budget_tokens: thinking.budget };
    body.max_tokens = thinking.maxTokens;
    if (request.temperature !== undefined && request.temperature !== 1)
      w.add('unsupported-field', 'temperature', 'Anthropic extended thinking requires temperature 1; temperature dropped');
    w.drop(request.topK, 'top_k', 'Anthropic with extended thinking');
  } else {
    let temperature = request.temperature;
    if (temperature !== undefined && temperature > 1) {
      w.add('lossy-mapping', 'temperature', `Anthropic temperature is 0..1; ${temperature} clamped to 1`);
      temperature = 1;
    }
    defined(body, { temperature, top_k: request.topK });
  }
  if (request.reasoning?.enabled === false) body.thinking = { type: 'disabled' };
  defined(body, { top_p: request.topP, stop_sequences: request.stop });
  if (request.user) body.metadata = { user_id: request.user };
  if (request.stream) body.stream = true;
  responseFormat(request, body, w);
  w.drop(request.seed, 'seed', TARGET);
  w.drop(request.presencePenalty, 'presence_penalty', TARGET);
  w.drop(request.frequencyPenalty, 'frequency_penalty', TARGET);
  for (const [field, value] of Object.entries(openaiExtraFields(request.openai))) w.drop(value, field, TARGET);
  return { value: body, warnings: w.list };
}
