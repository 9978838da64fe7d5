/** Canonical request -> OpenAI Chat Completions request body (for an OpenAI-format upstream). */
import type { CanonicalRequest, ImagePart, TextPart, UserPart } from '../canonical/types.js';
import { Warnings, type Converted } from '../canonical/warnings.js';
import { effortFromBudget } from '../shared/reasoning.js';
import { defined, imageToUrl, type Json } from '../shared/values.js';

export interface OpenAIChatBuildOptions {
  /** Model name to send upstream (the provider's id for the model). */
  model: string;
}

function textPart(part: TextPart): Json {
  return part.cacheControl ? { type: 'text', text: part.text, cache_control: part.cacheControl } : { type: 'text', text: part.text };
}

function imagePart(part: ImagePart): Json {
  return { type: 'image_url', image_url: defined({ url: imageToUrl(part.source) } as Json, { detail: part.detail }) };
}

/** A string when it is plain text, else content parts (keeps cache_control for providers that honour it). */
function content(parts: readonly (TextPart | ImagePart)[]): string | Json[] {
  if (parts.every((p) => p.type === 'text' && !p.cacheControl)) return parts.map((p) => (p as TextPart).text).join('');
  return parts.map((p) => (p.type === 'text' ? textPart(p) : imagePart(p)));
}

function userMessages(parts: readonly UserPart[], w: Warnings): Json[] {
  const out: Json[] = [];
  const rest: (TextPart | ImagePart)[] = [];
  for (const part of parts) {
    if (part.type !== 'tool_result') {
      rest.push(part);
      continue;
    }
    const texts = part.content.filter((c): c is TextPart => c.type === 'text');
    const images = part.content.filter((c): c is ImagePart => c.type === 'image');
    let text = texts.map((t) => t.text).join('\n');
    if (part.isError) {
      w.add('lossy-mapping', 'tool_result.is_error', 'OpenAI tool messages have no error flag; the result is prefixed with "Error: "');
      text = `Error: ${text}`;
    }
    out.push({ role: 'tool', tool_call_id: part.toolCallId, content: text });
    if (images.length > 0) {
      w.add('lossy-mapping', 'image in tool result', 'OpenAI tool messages cannot hold images; they follow in a user message');
      rest.push(...images);
    }
  }
  if (rest.length > 0) out.push({ role: 'user', content: content(rest) });
  return out;
}

export function buildOpenAIChatRequest(request: CanonicalRequest, options: OpenAIChatBuildOptions): Converted<Json> {
  const w = new Warnings();
  const messages: Json[] = [];
  if (request.system.length > 0) messages.push({ role: 'system', content: content(request.system) });
  for (const message of request.messages) {
    if (message.role === 'user') {
      messages.push(...userMessages(message.content, w));
      continue;
    }
    const texts = message.content.filter((p): p is TextPart => p.type === 'text');
    const calls = message.content.filter((p) => p.type === 'tool_call');
    if (message.content.some((p) => p.type === 'reasoning')) {
      w.add('unsupported-content', 'reasoning in history', 'OpenAI Chat does not accept reasoning/thinking blocks in history; dropped');
    }
    if (texts.length === 0 && calls.length === 0) continue;
    const out: Json = { role: 'assistant', content: texts.length > 0 ? content(texts) : null };
    if (calls.length > 0) out.tool_calls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
    messages.push(out);
  }
  const body: Json = { model: options.model, messages };
  if (request.tools.length > 0) {
    body.tools = request.tools.map((t) => ({ type: 'function', function: defined({ name: t.name, parameters: t.inputSchema } as Json, { description: t.description, strict: t.strict }) }));
    const choice = request.toolChoice;
    if (choice) body.tool_choice = choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.stream) body.stream = true;
  if (request.stream) body.stream_options = { include_usage: true };
  const reasoning = request.reasoning;
  const effort = reasoning?.effort ?? (reasoning?.enabled && reasoning.budgetTokens ? effortFromBudget(reasoning.budgetTokens, request.maxTokens) : undefined);
  defined(body, {
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    top_p: request.topP,
    stop: request.stop,
    reasoning_effort: reasoning?.effort === 'none' ? 'none' : reasoning?.enabled ? effort : undefined,
    user: request.user,
    seed: request.seed,
    presence_penalty: request.presencePenalty,
    frequency_penalty: request.frequencyPenalty,
  });
  const rf = request.responseFormat;
  if (rf) body.response_format = rf.type === 'json_schema' ? { type: 'json_schema', json_schema: defined({ name: rf.name, schema: rf.schema } as Json, { strict: rf.strict, description: rf.description }) } : { type: rf.type };
  w.drop(request.topK, 'top_k', 'OpenAI Chat');
  if (request.metadata && Object.keys(request.metadata).length > 0) w.drop(request.metadata, 'metadata', 'OpenAI Chat without stored completions');
  return { value: body, warnings: w.list };
}
