/**
 * Anthropic tool definitions -> canonical function tools. Custom tools map directly; the
 * Anthropic-schema client tools (bash, text editor) become function tools with their
 * published input schema, since the client still runs them; server tools (web search, code
 * execution, ...) run on Anthropic's side and have no equivalent elsewhere: dropped, warned.
 */
import type { ToolDefinition } from '../canonical/types.js';
import type { Warnings } from '../canonical/warnings.js';
import { defined, isRecord, str, type Json } from '../shared/values.js';
import { cacheOf } from './parse-blocks.js';

const CLIENT_TOOL_SCHEMAS: [RegExp, string, Record<string, unknown>][] = [
  [
    /^bash_\d+$/,
    'bash',
    {
      type: 'object',
      properties: {
        command: { type: 'string', description: 'The bash command to run' },
        restart: { type: 'boolean', description: 'Restart the shell session' },
      },
    },
  ],
  [
    /^text_editor_\d+$/,
    'str_replace_based_edit_tool',
    {
      type: 'object',
      properties: {
        command: { type: 'string', enum: ['view', 'create', 'str_replace', 'insert', 'undo_edit'] },
        path: { type: 'string' },
        file_text: { type: 'string' },
        old_str: { type: 'string' },
        new_str: { type: 'string' },
        insert_line: { type: 'integer' },
        view_range: { type: 'array', items: { type: 'integer' } },
      },
      required: ['command', 'path'],
    },
  ],
];

export function anthropicToolDefinition(tool: Json, w: Warnings): ToolDefinition | undefined {
  const type = tool.type;
  if (type === undefined || type === null || type === 'custom') {
    return defined(
      { name: str(tool.name) ?? '', inputSchema: isRecord(tool.input_schema) ? tool.input_schema : { type: 'object', properties: {} } } as ToolDefinition,
      {
        description: str(tool.description),
        strict: typeof tool.strict === 'boolean' ? tool.strict : undefined,
        ...cacheOf(tool),
      },
    );
  }
  const client = CLIENT_TOOL_SCHEMAS.find(([pattern]) => pattern.test(String(type)));
  if (client) {
    w.add('lossy-mapping', String(type), `Anthropic tool ${String(type)} is sent as a function tool with its published input schema`);
    return { name: str(tool.name) ?? client[1], inputSchema: client[2] };
  }
  w.add('unsupported-tool', String(type), `server tool ${String(type)} runs on Anthropic's side and has no equivalent in other formats; dropped`);
  return undefined;
}
