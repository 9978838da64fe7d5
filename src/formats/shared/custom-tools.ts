/**
 * Free-form tools (Responses `custom` tools such as Codex's apply_patch take plain text,
 * optionally constrained by a grammar). Formats without them get a function tool with one
 * string argument, `input`, whose description carries the grammar; calls come back as
 * `{"input": "..."}` and are turned into custom tool calls again for Responses clients.
 */
import { isRecord, parseJsonObject, type Json } from './values.js';

const MAX_GRAMMAR = 20_000;

export function customToolSchema(format: Json | undefined): Record<string, unknown> {
  let description = 'The raw text input of this tool.';
  if (format?.type === 'grammar' && typeof format.definition === 'string') {
    const syntax = typeof format.syntax === 'string' ? format.syntax : 'lark';
    description = `The raw text input of this tool. It must match this ${syntax} grammar:\n${format.definition.slice(0, MAX_GRAMMAR)}`;
  } else if (isRecord(format) && typeof format.type === 'string' && format.type !== 'text') {
    description = `The raw text input of this tool (format: ${format.type}).`;
  }
  return { type: 'object', properties: { input: { type: 'string', description } }, required: ['input'], additionalProperties: false };
}

/** The text input of a custom tool call from its JSON arguments (the arguments themselves when they are not `{input}`). */
export function customToolInput(args: string): string {
  const parsed = parseJsonObject(args);
  return parsed && typeof parsed.input === 'string' ? parsed.input : args;
}
