/** A provider request in any of the three formats -> what the scripted model needs to decide. */
export interface Turn {
  /** All user text of the conversation. */
  text: string;
  tools: string[];
  /** Tool results in the conversation: the call id they answer and their text. */
  results: { id: string; text: string }[];
  /** JSON schema the answer must follow, when the request asks for one. */
  schema?: unknown;
}

const textOf = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((c: any) => (typeof c?.text === 'string' ? c.text : typeof c?.content === 'string' || Array.isArray(c?.content) ? textOf(c.content) : ''))
    .join('\n');
};

export function anthropicTurn(body: any): Turn {
  const results: Turn['results'] = [];
  let text = '';
  for (const m of body.messages ?? []) {
    if (m.role !== 'user') continue;
    for (const block of typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : (m.content ?? [])) {
      if (block.type === 'tool_result') results.push({ id: block.tool_use_id, text: textOf(block.content) });
      else if (block.type === 'text') text += `${block.text}\n`;
    }
  }
  const schema = body.output_config?.format?.type === 'json_schema' ? body.output_config.format.schema : undefined;
  return { text, tools: (body.tools ?? []).map((t: any) => t.name), results, ...(schema ? { schema } : {}) };
}

export function chatTurn(body: any): Turn {
  const results: Turn['results'] = [];
  let text = '';
  for (const m of body.messages ?? []) {
    if (m.role === 'tool') results.push({ id: m.tool_call_id, text: textOf(m.content) });
    else if (m.role === 'user') text += `${textOf(m.content)}\n`;
  }
  const schema = body.response_format?.type === 'json_schema' ? body.response_format.json_schema?.schema : undefined;
  return { text, tools: (body.tools ?? []).map((t: any) => t.function?.name), results, ...(schema ? { schema } : {}) };
}

export function responsesTurn(body: any): Turn {
  const results: Turn['results'] = [];
  let text = typeof body.input === 'string' ? body.input : '';
  for (const item of Array.isArray(body.input) ? body.input : []) {
    if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output')
      results.push({ id: item.call_id, text: typeof item.output === 'string' ? item.output : textOf(item.output) });
    else if ((item.type ?? 'message') === 'message' && item.role === 'user') text += `${textOf(item.content)}\n`;
  }
  const schema = body.text?.format?.type === 'json_schema' ? body.text.format.schema : undefined;
  return { text, tools: (body.tools ?? []).map((t: any) => t.name ?? t.type), results, ...(schema ? { schema } : {}) };
}
