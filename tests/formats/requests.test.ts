import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRequest, CodecError, parseRequest, renderError } from '../../src/formats/index.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../src/formats/__fixtures__/requests/${name}`, import.meta.url), 'utf8'));
const features = (warnings: { feature: string }[]) => warnings.map((w) => w.feature);

describe('Anthropic (Claude Code) -> OpenAI Chat upstream', () => {
  const parsed = parseRequest('anthropic-messages', load('anthropic-claude-code.json'));
  const { value, warnings } = buildRequest('openai-chat', parsed.value, 'gpt-4.1');
  const body: any = value;

  it('keeps system blocks with cache_control, images (base64 and URL), and stop/user/max tokens', () => {
    expect(body.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." },
        { type: 'text', text: 'Working directory: /home/dev/project', cache_control: { type: 'ephemeral' } },
      ],
    });
    expect(body.messages[1].content).toEqual([
      { type: 'text', text: "What's in this screenshot, and what is the weather in Paris?" },
      {
        type: 'image_url',
        image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' },
      },
      { type: 'image_url', image_url: { url: 'https://upload.example.test/diagram.jpg' } },
    ]);
    expect(body).toMatchObject({
      model: 'gpt-4.1',
      max_tokens: 32000,
      stop: ['</answer>'],
      user: 'user_7f3a',
      temperature: 1,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('turns parallel tool_use into tool_calls and each tool_result into a tool message, flagging errors', () => {
    expect(body.messages[2]).toEqual({
      role: 'assistant',
      content: 'Let me look that up.',
      tool_calls: [
        { id: 'toolu_01A', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
        { id: 'toolu_01B', type: 'function', function: { name: 'read_file', arguments: '{"path":"/etc/hosts"}' } },
      ],
    });
    expect(body.messages.slice(3)).toEqual([
      { role: 'tool', tool_call_id: 'toolu_01A', content: '18°C, clear' },
      { role: 'tool', tool_call_id: 'toolu_01B', content: 'Error: EACCES: permission denied' },
    ]);
  });

  it('maps tools, tool_choice and the thinking budget to reasoning_effort', () => {
    expect(body.tools.map((t: any) => t.function.name)).toEqual(['get_weather', 'read_file']);
    expect(body.tool_choice).toBe('auto');
    expect(body.reasoning_effort).toBe('medium');
  });

  it('warns about everything it could not carry', () => {
    expect(features(parsed.warnings)).toContain('web_search_20250305');
    expect(features(warnings)).toEqual(expect.arrayContaining(['reasoning in history', 'tool_result.is_error', 'top_k']));
    for (const w of [...parsed.warnings, ...warnings]) expect(w.message.length).toBeGreaterThan(10);
  });
});

describe('OpenAI Chat -> Anthropic upstream', () => {
  const parsed = parseRequest('openai-chat', load('openai-chat-tools.json'));
  const { value, warnings } = buildRequest('anthropic-messages', parsed.value, 'claude-sonnet-4-5');
  const body: any = value;

  it('sends leading system text as system, and a later developer message in its place', () => {
    expect(body.system).toBe('You are a helpful assistant.');
    expect(body.messages[3]).toEqual({ role: 'system', content: 'Answer in one sentence.' });
  });

  it('never sends an empty text block for content:null tool calls', () => {
    expect(body.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'tool_use', id: 'call_abc', name: 'get_weather', input: { location: 'Paris' } },
        { type: 'tool_use', id: 'call_def', name: 'get_weather', input: { location: 'Tokyo' } },
      ],
    });
  });

  it('merges consecutive tool messages into one user turn of tool results', () => {
    expect(body.messages).toHaveLength(5);
    expect(body.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'call_abc', content: '18°C' },
        { type: 'tool_result', tool_use_id: 'call_def', content: '22°C' },
      ],
    });
    expect(body.messages[4]).toEqual({ role: 'user', content: [{ type: 'text', text: 'Thanks, summarise.' }] });
  });

  it('keeps images as base64 and URL sources', () => {
    expect(body.messages[0].content.slice(1)).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQSkZJRgABAQ' } },
      { type: 'image', source: { type: 'url', url: 'https://images.example.test/cat.png' } },
    ]);
  });

  it('keeps tool_choice none as none, and maps stop, top_p, user and reasoning effort', () => {
    expect(body.tool_choice).toEqual({ type: 'none' });
    expect(body).toMatchObject({ stop_sequences: ['END'], top_p: 0.9, metadata: { user_id: 'user-42' }, stream: true });
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 1536 });
    expect(body.max_tokens).toBe(2048);
    expect(body.temperature).toBeUndefined();
    expect(body.output_config).toEqual({ format: { type: 'json_schema', schema: { type: 'object' } } });
    expect(features(warnings)).toEqual(expect.arrayContaining(['temperature', 'seed']));
  });
});

describe('OpenAI Responses (Codex) in', () => {
  const parsed = parseRequest('openai-responses', load('responses-codex.json'));

  it('to Anthropic: instructions, items, function calls and outputs, reasoning signature kept', () => {
    const body: any = buildRequest('anthropic-messages', parsed.value, 'claude-sonnet-4-5').value;
    expect(body.system).toBe('You are Codex, a coding agent.\n\n<environment_context>cwd=/repo</environment_context>');
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'List the files.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I should run ls.', signature: 'EqQBsig-from-anthropic' },
          { type: 'tool_use', id: 'call_ls', name: 'shell', input: { command: ['ls'] } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_ls', content: 'README.md\nsrc' },
          { type: 'text', text: 'Now open the README.' },
        ],
      },
    ]);
    expect(body.tools).toEqual([
      {
        name: 'shell',
        input_schema: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } }, required: ['command'] },
        description: 'Run a command',
      },
    ]);
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 1843 });
    expect(features(parsed.warnings)).toContain('web_search');
  });

  it('to OpenAI Chat: function calls and outputs become tool_calls and tool messages', () => {
    const body: any = buildRequest('openai-chat', parsed.value, 'gpt-4.1').value;
    expect(body.messages.map((m: any) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'user']);
    expect(body.messages[2]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_ls', type: 'function', function: { name: 'shell', arguments: '{"command":["ls"]}' } }],
    });
    expect(body.reasoning_effort).toBe('medium');
    expect(body.parallel_tool_calls).toBe(true);
  });

  it('refuses previous_response_id and item_reference with a clear 400 in the Responses error shape', () => {
    for (const body of [
      { model: 'm', input: 'hi', previous_response_id: 'resp_1' },
      { model: 'm', input: [{ type: 'item_reference', id: 'msg_1' }] },
    ]) {
      let error: unknown;
      try {
        parseRequest('openai-responses', body);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(CodecError);
      const rendered = renderError('openai-responses', (error as CodecError).error);
      expect(rendered.status).toBe(400);
      expect(rendered.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/stored responses/) });
    }
  });

  it('carries text.format json_schema to OpenAI Chat response_format', () => {
    const parsed = parseRequest('openai-responses', {
      model: 'm',
      input: 'hi',
      text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
    });
    const body: any = buildRequest('openai-chat', parsed.value, 'gpt-4.1').value;
    expect(body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } });
  });

  it('accepts a plain string input', () => {
    expect(parseRequest('openai-responses', { model: 'm', input: 'hello' }).value.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hello' }] },
    ]);
  });
});

describe('round trips through the hub lose nothing representable', () => {
  it('Anthropic -> canonical -> Anthropic', () => {
    const original = load('anthropic-claude-code.json');
    original.tools = original.tools.slice(0, 2);
    original.tool_choice = { type: 'auto' };
    delete original.temperature; // extended thinking fixes temperature at 1
    delete original.top_k;
    // A tool_result holding one plain text block is the same content as a string; strings are what we send.
    original.messages[2].content[1].content = 'EACCES: permission denied';
    const { value } = buildRequest('anthropic-messages', parseRequest('anthropic-messages', original).value, original.model);
    expect(value).toEqual(original);
  });

  it('OpenAI Chat -> canonical -> OpenAI Chat', () => {
    const original = {
      model: 'gpt-4.1',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look:' },
            { type: 'image_url', image_url: { url: 'https://x.test/a.png', detail: 'high' } },
          ],
        },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'ok' },
        { role: 'assistant', content: 'Done.' },
        { role: 'user', content: 'Again' },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'number' } } }, description: 'F' } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: false,
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 500,
      temperature: 0.2,
      top_p: 0.5,
      stop: ['x'],
      user: 'u',
      seed: 1,
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
      response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' }, strict: true } },
    };
    const { value, warnings } = buildRequest('openai-chat', parseRequest('openai-chat', original).value, 'gpt-4.1');
    expect(value).toEqual(original);
    expect(warnings).toEqual([]);
  });
});

describe('request validation', () => {
  it.each([
    ['openai-chat', { model: 'm' }, 'messages must be an array'],
    ['openai-chat', { model: 'm', messages: ['hi'] }, 'messages[0] must be an object'],
    ['anthropic-messages', { model: 'm', messages: 'hi' }, 'messages: Field required'],
    ['anthropic-messages', { model: 'm', messages: [7] }, 'messages.0: must be an object'],
    ['openai-responses', { model: 'm' }, "Missing required parameter: 'input'"],
    ['openai-chat', [1, 2], 'request body must be a JSON object'],
  ] as const)('%s rejects %j', (format, body, message) => {
    expect(() => parseRequest(format, body)).toThrow(message);
  });
});

describe('recorded from the real tools (tests/e2e, LLM_ROUTER_E2E_RECORD)', () => {
  it('Claude Code 2.1.197 tool-loop turn: system message kept in place, tool ids and effort carried, Anthropic-only fields warned', () => {
    const parsed = parseRequest('anthropic-messages', load('claude-code-2.1.197-tool-loop.json'));
    const chat: any = buildRequest('openai-chat', parsed.value, 'gpt-4.1').value;
    expect(chat.messages.map((m: any) => m.role)).toEqual(['system', 'user', 'system', 'assistant', 'tool']);
    expect(chat.messages[3].tool_calls[0].id).toBe(chat.messages[4].tool_call_id);
    expect(chat.reasoning_effort).toBe('high');
    expect(features(parsed.warnings)).toContain('context_management');
  });

  it('Codex 0.171 turn: developer items become system text, function tools kept, namespace/web_search/client_metadata warned', () => {
    const parsed = parseRequest('openai-responses', load('codex-0.171.0-turn.json'));
    const anthropic: any = buildRequest('anthropic-messages', parsed.value, 'claude-sonnet-4-5').value;
    expect(anthropic.system).toContain('You are a coding agent running in the Codex CLI');
    expect(anthropic.tools.map((t: any) => t.name)).toEqual(['exec_command']);
    expect(features(parsed.warnings)).toEqual(expect.arrayContaining(['namespace', 'web_search', 'client_metadata']));
    const chat: any = buildRequest('openai-chat', parsed.value, 'gpt-4.1').value;
    expect(chat.prompt_cache_key).toBe('redacted');
  });
});
