/** Anthropic Messages request -> canonical request. Forward-compatible: see ADR 0009. */
import type { CanonicalMessage, CanonicalRequest, ToolChoice, ToolDefinition } from '../canonical/types.js';
import { Warnings, type Converted } from '../canonical/warnings.js';
import { invalid } from '../codec-error.js';
import { appendMessage } from '../shared/messages.js';
import { normalizeEffort } from '../shared/reasoning.js';
import { jsonSchemaFormat } from '../shared/response-format.js';
import { warnUnknownFields } from '../shared/unknown-fields.js';
import { arr, defined, isRecord, num, str, type Json } from '../shared/values.js';
import { anthropicToolDefinition } from './tool-definitions.js';
import { assistantParts, blocksOf, cacheOf, systemParts, textOf, userParts } from './parse-blocks.js';

const KNOWN_FIELDS = [
  'model',
  'messages',
  'system',
  'max_tokens',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
  'metadata',
  'anthropic_version',
];
/** Fields with no equivalent outside Anthropic: forwarded untouched to Anthropic-format providers only. */
const ANTHROPIC_ONLY = ['container', 'mcp_servers', 'service_tier', 'context_management', 'inference_geo', 'betas'];

function tools(value: unknown, w: Warnings): ToolDefinition[] {
  return arr(value).flatMap((tool) => {
    if (!isRecord(tool)) return [];
    const definition = anthropicToolDefinition(tool, w);
    return definition ? [definition] : [];
  });
}

function toolChoice(value: unknown): { choice?: ToolChoice; parallel?: boolean } {
  if (!isRecord(value)) return {};
  const parallel = value.disable_parallel_tool_use === true ? false : undefined;
  const choice: ToolChoice | undefined =
    value.type === 'auto'
      ? { type: 'auto' }
      : value.type === 'any'
        ? { type: 'required' }
        : value.type === 'none'
          ? { type: 'none' }
          : value.type === 'tool' && typeof value.name === 'string'
            ? { type: 'tool', name: value.name }
            : undefined;
  return defined({} as { choice?: ToolChoice; parallel?: boolean }, { choice, parallel });
}

/** One message; roles the API may add later are degraded to a user turn with their text (warned). */
function message(raw: Json, i: number, w: Warnings): CanonicalMessage | undefined {
  const origin = `messages[${i}]`;
  switch (raw.role) {
    case 'user':
      return { role: 'user', content: userParts(raw.content, origin) };
    case 'assistant':
      return { role: 'assistant', content: assistantParts(raw.content, origin) };
    case 'system':
    case 'developer':
      return { role: 'system', content: systemParts(raw.content) };
    default: {
      const text = textOf(blocksOf(raw.content));
      if (text === undefined || text === '') {
        w.add('unsupported-content', `role ${String(raw.role)}`, `${origin} has role ${JSON.stringify(raw.role)} and no text; dropped`);
        return undefined;
      }
      w.add('lossy-mapping', `role ${String(raw.role)}`, `${origin} has role ${JSON.stringify(raw.role)}; sent as a user turn`);
      return { role: 'user', content: [{ type: 'text', text }] };
    }
  }
}

function reasoning(body: Json): CanonicalRequest['reasoning'] {
  const thinking = isRecord(body.thinking) ? body.thinking : undefined;
  const effort = normalizeEffort(isRecord(body.output_config) ? body.output_config.effort : undefined);
  if (thinking?.type === 'enabled')
    return defined({ enabled: true } as NonNullable<CanonicalRequest['reasoning']>, { budgetTokens: num(thinking.budget_tokens), effort });
  if (thinking?.type === 'disabled') return { enabled: false };
  if (thinking?.type === 'adaptive' || effort) return { enabled: effort !== 'none', effort: effort ?? 'medium' };
  return undefined;
}

function outputFormat(body: Json): CanonicalRequest['responseFormat'] {
  const format = isRecord(body.output_config) && isRecord(body.output_config.format) ? body.output_config.format : undefined;
  if (format?.type !== 'json_schema') return undefined;
  return jsonSchemaFormat({ name: 'output', ...format });
}

export function parseAnthropicRequest(body: unknown): Converted<CanonicalRequest> {
  if (!isRecord(body)) throw invalid('request body must be a JSON object');
  if (!Array.isArray(body.messages)) throw invalid('messages: Field required', 'messages');
  const w = new Warnings();
  const messages: CanonicalMessage[] = [];
  body.messages.forEach((raw, i) => {
    if (!isRecord(raw)) throw invalid(`messages.${i}: must be an object with a role and content`, `messages.${i}`);
    const parsed = message(raw, i, w);
    if (parsed) appendMessage(messages, parsed);
  });
  const system = blocksOf(body.system ?? []).flatMap((b) =>
    b.type === 'text' && typeof b.text === 'string' ? [{ type: 'text' as const, text: b.text, ...cacheOf(b) }] : [],
  );
  const { choice, parallel } = toolChoice(body.tool_choice);
  const request: CanonicalRequest = { model: str(body.model) ?? '', system, messages, tools: tools(body.tools, w), stream: body.stream === true };
  const stop = arr(body.stop_sequences).filter((s): s is string => typeof s === 'string');
  defined(request, {
    toolChoice: choice,
    parallelToolCalls: parallel,
    maxTokens: num(body.max_tokens),
    temperature: num(body.temperature),
    topP: num(body.top_p),
    topK: num(body.top_k),
    stop: stop.length > 0 ? stop : undefined,
    reasoning: reasoning(body),
    responseFormat: outputFormat(body),
    user: isRecord(body.metadata) ? str(body.metadata.user_id) : undefined,
  });
  for (const field of ANTHROPIC_ONLY) w.drop(body[field], field, 'providers in other formats');
  warnUnknownFields(body, [...KNOWN_FIELDS, ...ANTHROPIC_ONLY], 'Anthropic Messages', w);
  return { value: request, warnings: w.list };
}
