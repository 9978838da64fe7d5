/** Canonical request -> Anthropic Messages request body (for an Anthropic-format upstream). */
import type { AssistantPart, CanonicalRequest, ImagePart, TextPart, UserPart } from '../canonical/types.js';
import { Warnings, type Converted } from '../canonical/warnings.js';
import { thinkingFor } from '../shared/reasoning.js';
import { defined, parseJsonObject, type Json } from '../shared/values.js';

export interface AnthropicBuildOptions {
  model: string;
  /** max_tokens when the client gave none (Anthropic requires it). */
  defaultMaxTokens?: number;
}

export const DEFAULT_MAX_TOKENS = 4096;

const blank = (text: string) => text.trim() === '';

function text(part: TextPart): Json {
  return defined({ type: 'text', text: part.text } as Json, { cache_control: part.cacheControl });
}

function image(part: ImagePart): Json {
  const source = part.source.kind === 'base64' ? { type: 'base64', media_type: part.source.mediaType, data: part.source.data } : { type: 'url', url: part.source.url };
  return defined({ type: 'image', source } as Json, { cache_control: part.cacheControl });
}

function userBlocks(parts: readonly UserPart[]): Json[] {
  const results: Json[] = [];
  const rest: Json[] = [];
  for (const part of parts) {
    if (part.type === 'tool_result') {
      const kept = part.content.filter((c) => c.type === 'image' || !blank(c.text));
      const plain = kept.every((c) => c.type === 'text' && !c.cacheControl);
      const content = plain ? kept.map((c) => (c as TextPart).text).join('\n') : kept.map((c) => (c.type === 'text' ? text(c) : image(c)));
      results.push(defined({ type: 'tool_result', tool_use_id: part.toolCallId, content } as Json, { is_error: part.isError, cache_control: part.cacheControl }));
    } else if (part.type === 'image') rest.push(image(part));
    else if (!blank(part.text)) rest.push(text(part));
  }
  // Anthropic wants tool_result blocks before any other content of the turn.
  return [...results, ...rest];
}

function assistantBlocks(parts: readonly AssistantPart[], w: Warnings): Json[] {
  const out: Json[] = [];
  for (const part of parts) {
    if (part.type === 'reasoning') {
      if (part.redactedData !== undefined) out.push({ type: 'redacted_thinking', data: part.redactedData });
      else if (part.signature) out.push({ type: 'thinking', thinking: part.text, signature: part.signature });
      else w.add('unsupported-content', 'unsigned reasoning in history', 'reasoning from another provider has no Anthropic signature and cannot be sent back; dropped');
    } else if (part.type === 'tool_call') {
      let input = parseJsonObject(part.arguments);
      if (!input) {
        w.add('lossy-mapping', 'tool_call.arguments', `arguments of tool call ${part.id} are not a JSON object; sent as {}`);
        input = {};
      }
      out.push(defined({ type: 'tool_use', id: part.id, name: part.name, input } as Json, { cache_control: part.cacheControl }));
    } else if (!blank(part.text)) out.push(text(part));
  }
  return out;
}

export function buildAnthropicRequest(request: CanonicalRequest, options: AnthropicBuildOptions): Converted<Json> {
  const w = new Warnings();
  const messages: Json[] = [];
  for (const message of request.messages) {
    const content = message.role === 'user' ? userBlocks(message.content) : assistantBlocks(message.content, w);
    if (content.length === 0) {
      w.add('unsupported-content', 'empty message', `an empty ${message.role} message was dropped (Anthropic rejects empty content)`);
      continue;
    }
    const last = messages[messages.length - 1];
    if (last && last.role === message.role) (last.content as Json[]).push(...content);
    else messages.push({ role: message.role, content });
  }
  let maxTokens = request.maxTokens;
  if (maxTokens === undefined) {
    maxTokens = options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
    w.add('defaulted', 'max_tokens', `max_tokens is required by Anthropic; using ${maxTokens}`);
  }
  const body: Json = { model: options.model, max_tokens: maxTokens, messages };
  const system = request.system.filter((p) => !blank(p.text));
  if (system.length > 0) body.system = system.some((p) => p.cacheControl) ? system.map(text) : system.map((p) => p.text).join('\n\n');
  if (request.tools.length > 0) {
    body.tools = request.tools.map((t) => defined({ name: t.name, input_schema: { type: 'object', ...t.inputSchema } } as Json, { description: t.description, cache_control: t.cacheControl }));
    const choice = request.toolChoice;
    const base: Json | undefined = !choice ? undefined : choice.type === 'required' ? { type: 'any' } : choice.type === 'tool' ? { type: 'tool', name: choice.name } : { type: choice.type };
    const tc = request.parallelToolCalls === false && base?.type !== 'none' ? { ...(base ?? { type: 'auto' }), disable_parallel_tool_use: true } : base;
    if (tc) body.tool_choice = tc;
  }
  const thinking = request.reasoning ? thinkingFor(request.reasoning, maxTokens) : undefined;
  if (thinking) {
    body.thinking = { type: 'enabled', budget_tokens: thinking.budget };
    body.max_tokens = thinking.maxTokens;
    if (request.temperature !== undefined && request.temperature !== 1) w.add('unsupported-field', 'temperature', 'Anthropic extended thinking requires temperature 1; temperature dropped');
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
  if (request.responseFormat && request.responseFormat.type !== 'text') w.drop(request.responseFormat, 'response_format', 'Anthropic Messages');
  w.drop(request.seed, 'seed', 'Anthropic Messages');
  w.drop(request.presencePenalty, 'presence_penalty', 'Anthropic Messages');
  w.drop(request.frequencyPenalty, 'frequency_penalty', 'Anthropic Messages');
  return { value: body, warnings: w.list };
}
