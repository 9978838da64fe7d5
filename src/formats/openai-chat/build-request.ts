/** Canonical request -> OpenAI Chat Completions request body (for an OpenAI-format upstream). */
import type { AssistantPart, CanonicalRequest, DocumentPart, ImagePart, TextPart, ToolResultContent, UserPart } from '../canonical/types.js';
import { Warnings, type Converted } from '../canonical/warnings.js';
import { lowerTurn, type TurnLowering } from '../shared/lower-content.js';
import { openaiExtraFields } from '../shared/openai-extras.js';
import { openaiFileFields, unplaceableDocument } from '../shared/openai-files.js';
import { effortFromBudget } from '../shared/reasoning.js';
import { defined, imageToUrl, type Json } from '../shared/values.js';

export interface OpenAIChatBuildOptions {
  /** Model name to send upstream (the provider's id for the model). */
  model: string;
}

const TARGET = 'OpenAI Chat';

/** OpenAI reasoning models refuse `max_tokens` ("use max_completion_tokens"). */
export function takesMaxCompletionTokens(model: string): boolean {
  return /^(?:[\w.-]+\/)?(?:o\d|gpt-5|codex)/i.test(model);
}

function textPart(part: TextPart): Json {
  return part.cacheControl ? { type: 'text', text: part.text, cache_control: part.cacheControl } : { type: 'text', text: part.text };
}

function imagePart(part: ImagePart): Json {
  return { type: 'image_url', image_url: defined({ url: imageToUrl(part.source) } as Json, { detail: part.detail }) };
}

function documentPart(part: DocumentPart, turn: TurnLowering): Json | undefined {
  const fields = openaiFileFields(part, false);
  if (fields && 'text' in fields && typeof fields.text === 'string') {
    turn.keep();
    return textPart({ type: 'text', text: fields.text, ...(part.cacheControl ? { cacheControl: part.cacheControl } : {}) });
  }
  if (fields) {
    turn.keep();
    return { type: 'file', file: fields };
  }
  const lowered = turn.lower({ kind: 'document', binary: true, origin: part.origin, what: unplaceableDocument(part) });
  return lowered && textPart(lowered);
}

/** A content part of a user message; undefined when dropped. */
function contentPart(part: ToolResultContent | UserPart, turn: TurnLowering): Json | undefined {
  if (part.type === 'text') {
    turn.keep();
    return textPart(part);
  }
  if (part.type === 'image') {
    turn.keep();
    return imagePart(part);
  }
  if (part.type === 'document') return documentPart(part, turn);
  if (part.type === 'opaque') {
    const lowered = turn.lower(part);
    return lowered && textPart(lowered);
  }
  return undefined;
}

/** A string when it is plain text, else content parts (keeps cache_control for providers that honour it). */
function content(parts: Json[]): string | Json[] {
  if (parts.every((p) => p.type === 'text' && p.cache_control === undefined)) return parts.map((p) => p.text as string).join('');
  return parts;
}

function userMessages(parts: readonly UserPart[], w: Warnings): Json[] {
  const out: Json[] = [];
  const rest: Json[] = [];
  const turn = lowerTurn(TARGET, w);
  for (const part of parts) {
    if (part.type !== 'tool_result') {
      const built = contentPart(part, turn);
      if (built) rest.push(built);
      continue;
    }
    turn.keep();
    const inner = lowerTurn(TARGET, w);
    const texts: string[] = [];
    for (const c of part.content) {
      const built = contentPart(c, inner);
      if (!built) continue;
      if (built.type === 'text') texts.push(String(built.text));
      else {
        w.add('lossy-mapping', `${c.type} in tool result`, `OpenAI tool messages hold only text; the ${c.type} follows in a user message`);
        rest.push(built);
      }
    }
    let text = texts.join('\n');
    if (part.isError) {
      w.add('lossy-mapping', 'tool_result.is_error', 'OpenAI tool messages have no error flag; the result is prefixed with "Error: "');
      text = `Error: ${text}`;
    }
    out.push({ role: 'tool', tool_call_id: part.toolCallId, content: text });
  }
  turn.end();
  if (rest.length > 0) out.push({ role: 'user', content: content(rest) });
  return out;
}

function assistantMessage(parts: readonly AssistantPart[], w: Warnings): Json | undefined {
  const texts: Json[] = [];
  const calls: Json[] = [];
  const turn = lowerTurn(TARGET, w);
  for (const part of parts) {
    if (part.type === 'text') texts.push(textPart(part));
    else if (part.type === 'tool_call') calls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
    else if (part.type === 'reasoning')
      w.add('unsupported-content', 'reasoning in history', 'OpenAI Chat does not accept reasoning/thinking blocks in history; dropped');
    else {
      const lowered = turn.lower(part);
      if (lowered) texts.push(textPart(lowered));
    }
  }
  if (texts.length === 0 && calls.length === 0) return undefined;
  const out: Json = { role: 'assistant', content: texts.length > 0 ? content(texts) : null };
  if (calls.length > 0) out.tool_calls = calls;
  return out;
}

function messagesOf(request: CanonicalRequest, w: Warnings): Json[] {
  const messages: Json[] = [];
  if (request.system.length > 0) messages.push({ role: 'system', content: content(request.system.map(textPart)) });
  for (const message of request.messages) {
    if (message.role === 'system') messages.push({ role: 'system', content: content(message.content.map(textPart)) });
    else if (message.role === 'user') messages.push(...userMessages(message.content, w));
    else {
      const built = assistantMessage(message.content, w);
      if (built) messages.push(built);
    }
  }
  return messages;
}

export function buildOpenAIChatRequest(request: CanonicalRequest, options: OpenAIChatBuildOptions): Converted<Json> {
  const w = new Warnings();
  const body: Json = { model: options.model, messages: messagesOf(request, w) };
  if (request.tools.length > 0) {
    body.tools = request.tools.map((t) => ({
      type: 'function',
      function: defined({ name: t.name, parameters: t.inputSchema } as Json, { description: t.description, strict: t.strict }),
    }));
    const choice = request.toolChoice;
    if (choice) body.tool_choice = choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.stream) body.stream = true;
  if (request.stream) body.stream_options = { include_usage: true };
  const reasoning = request.reasoning;
  const effort = reasoning?.effort ?? (reasoning?.enabled && reasoning.budgetTokens ? effortFromBudget(reasoning.budgetTokens, request.maxTokens) : undefined);
  const maxField = takesMaxCompletionTokens(options.model) ? 'max_completion_tokens' : 'max_tokens';
  defined(body, {
    [maxField]: request.maxTokens,
    temperature: request.temperature,
    top_p: request.topP,
    stop: request.stop,
    reasoning_effort: reasoning?.effort === 'none' ? 'none' : reasoning?.enabled ? effort : undefined,
    user: request.user,
    seed: request.seed,
    presence_penalty: request.presencePenalty,
    frequency_penalty: request.frequencyPenalty,
  });
  Object.assign(body, openaiExtraFields(request.openai));
  const rf = request.responseFormat;
  if (rf)
    body.response_format =
      rf.type === 'json_schema'
        ? { type: 'json_schema', json_schema: defined({ name: rf.name, schema: rf.schema } as Json, { strict: rf.strict, description: rf.description }) }
        : { type: rf.type };
  w.drop(request.topK, 'top_k', TARGET);
  if (request.metadata && Object.keys(request.metadata).length > 0) w.drop(request.metadata, 'metadata', 'OpenAI Chat without stored completions');
  return { value: body, warnings: w.list };
}
