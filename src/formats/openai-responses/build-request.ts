/**
 * Canonical request -> OpenAI Responses request body (for a provider that speaks the
 * Responses API, e.g. OpenAI's codex and pro models). The router keeps no state, so every
 * request carries the whole conversation with `store: false`, and asks for encrypted
 * reasoning so it can be sent back on the next turn.
 */
import type { AssistantPart, CanonicalRequest, DocumentPart, TextPart, ToolResultContent, UserPart } from '../canonical/types.js';
import { Warnings, type Converted } from '../canonical/warnings.js';
import { customToolInput } from '../shared/custom-tools.js';
import { lowerTurn, type TurnLowering } from '../shared/lower-content.js';
import { openaiExtraFields } from '../shared/openai-extras.js';
import { openaiFileFields, unplaceableDocument } from '../shared/openai-files.js';
import { effortFromBudget } from '../shared/reasoning.js';
import { defined, imageToUrl, type Json } from '../shared/values.js';

const TARGET = 'OpenAI Responses';

function documentPart(part: DocumentPart, turn: TurnLowering): Json | undefined {
  const fields = openaiFileFields(part, true);
  if (fields && 'text' in fields && typeof fields.text === 'string') {
    turn.keep();
    return { type: 'input_text', text: fields.text };
  }
  if (fields) {
    turn.keep();
    return { type: 'input_file', ...fields };
  }
  const lowered = turn.lower({ kind: 'document', binary: true, origin: part.origin, what: unplaceableDocument(part) });
  return lowered && { type: 'input_text', text: lowered.text };
}

function inputPart(part: ToolResultContent | Exclude<UserPart, { type: 'tool_result' }>, turn: TurnLowering): Json | undefined {
  if (part.type === 'text') {
    turn.keep();
    return { type: 'input_text', text: part.text };
  }
  if (part.type === 'image') {
    turn.keep();
    return defined({ type: 'input_image', image_url: imageToUrl(part.source) } as Json, { detail: part.detail });
  }
  if (part.type === 'document') return documentPart(part, turn);
  const lowered = turn.lower(part);
  return lowered && { type: 'input_text', text: lowered.text };
}

/** A tool result's output: its text when it is only text, else content parts. */
function toolOutput(content: readonly ToolResultContent[], isError: boolean | undefined, w: Warnings): string | Json[] {
  const turn = lowerTurn(TARGET, w);
  const parts = content.map((c) => inputPart(c, turn)).filter((p): p is Json => p !== undefined);
  if (isError) w.add('lossy-mapping', 'tool_result.is_error', 'Responses tool outputs have no error flag; the result is prefixed with "Error: "');
  if (parts.every((p) => p.type === 'input_text')) return `${isError ? 'Error: ' : ''}${parts.map((p) => p.text as string).join('\n')}`;
  return isError ? [{ type: 'input_text', text: 'Error:' }, ...parts] : parts;
}

function userItems(parts: readonly UserPart[], w: Warnings): Json[] {
  const out: Json[] = [];
  const content: Json[] = [];
  const turn = lowerTurn(TARGET, w);
  for (const part of parts) {
    if (part.type !== 'tool_result') {
      const built = inputPart(part, turn);
      if (built) content.push(built);
      continue;
    }
    turn.keep();
    out.push({ type: 'function_call_output', call_id: part.toolCallId, output: toolOutput(part.content, part.isError, w) });
  }
  turn.end();
  if (content.length > 0) out.push({ type: 'message', role: 'user', content });
  return out;
}

function assistantItems(parts: readonly AssistantPart[], customCalls: ReadonlySet<string>, w: Warnings): Json[] {
  const out: Json[] = [];
  let text: TextPart[] = [];
  const turn = lowerTurn(TARGET, w);
  const flushText = () => {
    if (text.length > 0) out.push({ type: 'message', role: 'assistant', content: text.map((t) => ({ type: 'output_text', text: t.text })) });
    text = [];
  };
  for (const part of parts) {
    if (part.type === 'text') {
      if (part.text !== '') text.push(part);
      continue;
    }
    if (part.type === 'opaque') {
      const lowered = turn.lower(part);
      if (lowered) text.push(lowered);
      continue;
    }
    flushText();
    if (part.type === 'reasoning') {
      if (part.encryptedContent !== undefined)
        out.push({ type: 'reasoning', summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }], encrypted_content: part.encryptedContent });
      else w.add('unsupported-content', 'foreign reasoning in history', 'reasoning from another provider cannot be sent back to a Responses provider; dropped');
    } else if (part.custom || customCalls.has(part.name))
      out.push({ type: 'custom_tool_call', call_id: part.id, name: part.name, input: customToolInput(part.arguments) });
    else out.push({ type: 'function_call', call_id: part.id, name: part.name, arguments: part.arguments === '' ? '{}' : part.arguments });
  }
  flushText();
  return out;
}

/** Outputs of free-form tools must be `custom_tool_call_output` items. */
function markCustomOutputs(items: Json[]): void {
  const custom = new Set(items.filter((i) => i.type === 'custom_tool_call').map((i) => i.call_id));
  for (const item of items) if (item.type === 'function_call_output' && custom.has(item.call_id)) item.type = 'custom_tool_call_output';
}

export function buildResponsesRequest(request: CanonicalRequest, options: { model: string }): Converted<Json> {
  const w = new Warnings();
  const customTools = new Set(request.tools.filter((t) => t.custom).map((t) => t.name));
  const input: Json[] = [];
  for (const message of request.messages) {
    if (message.role === 'system')
      input.push({ type: 'message', role: 'developer', content: message.content.map((t) => ({ type: 'input_text', text: t.text })) });
    else if (message.role === 'user') input.push(...userItems(message.content, w));
    else input.push(...assistantItems(message.content, customTools, w));
  }
  markCustomOutputs(input);
  const body: Json = { model: options.model, input, store: false };
  const instructions = request.system.map((p) => p.text).join('\n\n');
  if (instructions !== '') body.instructions = instructions;
  if (request.tools.length > 0) {
    body.tools = request.tools.map((t) =>
      t.custom
        ? defined({ type: 'custom', name: t.name } as Json, { description: t.description, format: t.custom.format })
        : defined({ type: 'function', name: t.name, parameters: t.inputSchema } as Json, { description: t.description, strict: t.strict }),
    );
    const choice = request.toolChoice;
    if (choice) body.tool_choice = choice.type === 'tool' ? { type: customTools.has(choice.name) ? 'custom' : 'function', name: choice.name } : choice.type;
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.stream) body.stream = true;
  const r = request.reasoning;
  const effort = r?.effort ?? (r?.enabled && r.budgetTokens ? effortFromBudget(r.budgetTokens, request.maxTokens) : undefined);
  if (r?.enabled && effort) {
    body.reasoning = defined({ effort } as Json, { summary: r.summary ?? 'auto' });
    body.include = ['reasoning.encrypted_content'];
  } else if (r?.effort === 'none') body.reasoning = { effort: 'none' };
  const rf = request.responseFormat;
  const extras = openaiExtraFields(request.openai);
  const verbosity = extras.verbosity;
  delete extras.verbosity;
  delete extras.store;
  if (rf || verbosity !== undefined) {
    const format = !rf
      ? undefined
      : rf.type === 'json_schema'
        ? defined({ type: 'json_schema', name: rf.name, schema: rf.schema } as Json, { strict: rf.strict, description: rf.description })
        : { type: rf.type };
    body.text = defined({} as Json, { format, verbosity });
  }
  Object.assign(body, extras);
  defined(body, { max_output_tokens: request.maxTokens, temperature: request.temperature, top_p: request.topP, metadata: request.metadata });
  // OpenAI caps safety_identifier at 64 characters; Claude Code's user ids are longer.
  if (request.user !== undefined && body.safety_identifier === undefined) {
    if (request.user.length <= 64) body.safety_identifier = request.user;
    else w.add('unsupported-field', 'user', 'the user id is longer than the 64 characters a Responses safety_identifier takes; dropped');
  }
  w.drop(request.stop, 'stop', TARGET);
  w.drop(request.topK, 'top_k', TARGET);
  w.drop(request.seed, 'seed', TARGET);
  w.drop(request.presencePenalty, 'presence_penalty', TARGET);
  w.drop(request.frequencyPenalty, 'frequency_penalty', TARGET);
  return { value: body, warnings: w.list };
}
