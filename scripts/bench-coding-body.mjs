// A request body the size and shape a coding tool sends mid-session (Claude Code, Codex):
// a long system prompt, a few dozen tools with JSON schemas, and a conversation of tool
// calls whose results carry source files (quotes, backslashes, newlines, non-ASCII).
// Deterministic, so runs compare. Used by bench-stream for the large-body figures.

const code = (n) =>
  Array.from(
    { length: n },
    (_, i) =>
      `export function step${i}(input: string): string {\n  // naïve “quote” handling — see \\docs\\step${i}.md\n  return input.replace(/"/g, '\\\\"') + ${JSON.stringify(`line ${i}\t✓`)};\n}\n`,
  ).join('');

const schema = (i) => ({
  type: 'object',
  properties: {
    path: { type: 'string', description: `The absolute path of the file for tool ${i}. Must exist; relative paths are refused.` },
    offset: { type: 'integer', minimum: 0, description: 'Line to start from (0-based).' },
    limit: { type: 'integer', minimum: 1, maximum: 2000, description: 'How many lines to read at most.' },
    mode: { type: 'string', enum: ['read', 'write', 'append', 'patch'], description: 'What to do with the file.' },
    options: { type: 'object', properties: { follow: { type: 'boolean' }, encoding: { type: 'string' } }, additionalProperties: false },
  },
  required: ['path'],
  additionalProperties: false,
});

const system = Array.from(
  { length: 120 },
  (_, i) => `Rule ${i}: when editing, keep the user's style; never invent APIs; run the tests after each change. `,
).join('\n');

/** About `kb` kilobytes of Anthropic Messages request (the tool results grow to fill it). */
export function messagesBody(model, stream, kb = 256) {
  const tools = Array.from({ length: 24 }, (_, i) => ({ name: `tool_${i}`, description: `Tool ${i}: ${system.slice(0, 400)}`, input_schema: schema(i) }));
  const messages = [{ role: 'user', content: [{ type: 'text', text: 'Fix the failing tests in src/ and explain what was wrong.' }] }];
  const base = JSON.stringify({ system, tools }).length;
  for (let turn = 0; base + JSON.stringify(messages).length < kb * 1024; turn += 1) {
    const id = `toolu_${String(turn).padStart(4, '0')}`;
    messages.push({
      role: 'assistant',
      content: [
        { type: 'text', text: `Reading file ${turn} to see what the test expects.` },
        { type: 'tool_use', id, name: `tool_${turn % 24}`, input: { path: `/repo/src/file${turn}.ts`, offset: 0, limit: 400 } },
      ],
    });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: code(40) }] });
  }
  messages.push({ role: 'user', content: [{ type: 'text', text: 'Now write the fix.' }] });
  return JSON.stringify({
    model,
    max_tokens: 32000,
    stream,
    system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
    tools,
    messages,
    metadata: { user_id: 'user_bench_session_0001' },
  });
}

/** The same conversation as an OpenAI Chat request. */
export function chatBody(model, stream, kb = 256) {
  const parsed = JSON.parse(messagesBody(model, stream, kb));
  const messages = [{ role: 'system', content: system }];
  for (const m of parsed.messages)
    for (const block of m.content) {
      if (block.type === 'text') messages.push({ role: m.role, content: block.text });
      else if (block.type === 'tool_use')
        messages.push({
          role: 'assistant',
          content: null,
          tool_calls: [{ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input) } }],
        });
      else messages.push({ role: 'tool', tool_call_id: block.tool_use_id, content: block.content });
    }
  const tools = parsed.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.input_schema } }));
  return JSON.stringify({ model, stream, ...(stream ? { stream_options: { include_usage: true } } : {}), max_tokens: 32000, messages, tools });
}
