/**
 * ADR 0009 (forward compatibility) at the codec level: what real clients send today and
 * what they may send tomorrow is carried, degraded to text, or dropped with a warning —
 * never a 400 unless a turn would be left with nothing but content the target cannot hold.
 */
import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  buildResponse,
  createUpstreamDecoder,
  parseRequest,
  parseResponse,
  UnsupportedContentError,
  type UpstreamFormat,
  type WireFormat,
} from '../../src/formats/index.js';
import { runStage } from '../../src/formats/stream/stage.js';
import { fromEncryptedContent } from '../../src/formats/shared/reasoning-token.js';

const TARGETS: UpstreamFormat[] = ['openai-chat', 'anthropic-messages'];
const features = (warnings: { feature: string }[]) => warnings.map((w) => w.feature);
const build = (client: WireFormat, body: unknown, target: UpstreamFormat, model = 'm') => {
  const parsed = parseRequest(client, body);
  const built = buildRequest(target, parsed.value, model);
  return { body: built.value as any, warnings: [...parsed.warnings, ...built.warnings] };
};

/** Claude Code 2.1.x: a system message inside `messages`, adaptive thinking with an effort, a json_schema output format. */
const claudeCodeTurn = {
  model: 'openrouter/anthropic/claude-sonnet-4.5',
  max_tokens: 32000,
  system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'List the files.' }] },
    { role: 'system', content: 'The user is in /repo. Use Bash.' },
    { role: 'user', content: [{ type: 'text', text: '<system-reminder>todo list is empty</system-reminder>', cache_control: { type: 'ephemeral' } }] },
  ],
  thinking: { type: 'adaptive' },
  output_config: { effort: 'high' },
  context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
  metadata: { user_id: 'user_abc_account_x_session_y' },
  stream: true,
};

describe('Claude Code through OpenAI-format providers', () => {
  it('keeps the in-conversation system message in place for OpenAI Chat', () => {
    const { body } = build('anthropic-messages', claudeCodeTurn, 'openai-chat', 'anthropic/claude-sonnet-4.5');
    expect(body.messages.map((m: any) => m.role)).toEqual(['system', 'user', 'system', 'user']);
    expect(body.messages[2]).toEqual({ role: 'system', content: 'The user is in /repo. Use Bash.' });
    expect(body.reasoning_effort).toBe('high');
    expect(body.user).toBe('user_abc_account_x_session_y');
  });

  it('passes an in-conversation system message to Anthropic where it was', () => {
    const { body } = build(
      'openai-chat',
      {
        model: 'm',
        messages: [
          { role: 'system', content: 'A' },
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'yo' },
          { role: 'system', content: 'B' },
          { role: 'user', content: 'go' },
        ],
      },
      'anthropic-messages',
    );
    expect(body.system).toBe('A');
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'yo' }] },
      { role: 'system', content: 'B' },
      { role: 'user', content: [{ type: 'text', text: 'go' }] },
    ]);
  });

  it('warns about Anthropic-only fields instead of refusing them', () => {
    const { warnings } = build('anthropic-messages', claudeCodeTurn, 'openai-chat');
    expect(features(warnings)).toContain('context_management');
  });

  it('maps output_config.format (json_schema) to response_format and back', () => {
    const turn = {
      ...claudeCodeTurn,
      output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { title: { type: 'string' } } } } },
    };
    const { body } = build('anthropic-messages', turn, 'openai-chat');
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'output', schema: { type: 'object', properties: { title: { type: 'string' } } } },
    });
    const back = build(
      'openai-chat',
      { model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: body.response_format },
      'anthropic-messages',
    ).body;
    expect(back.output_config).toEqual({ format: { type: 'json_schema', schema: turn.output_config.format.schema } });
  });

  it('sends max_completion_tokens to OpenAI reasoning models and max_tokens to others', () => {
    expect(build('anthropic-messages', claudeCodeTurn, 'openai-chat', 'gpt-5-codex').body).toMatchObject({ max_completion_tokens: 32000 });
    expect(build('anthropic-messages', claudeCodeTurn, 'openai-chat', 'openai/o4-mini').body.max_tokens).toBeUndefined();
    expect(build('anthropic-messages', claudeCodeTurn, 'openai-chat', 'deepseek-chat').body).toMatchObject({ max_tokens: 32000 });
  });
});

describe('unknown roles, blocks and fields', () => {
  it.each(TARGETS)('an unknown role with text becomes a user turn (warned), without text it is dropped (warned): %s', (target) => {
    const { body, warnings } = build(
      'openai-chat',
      {
        model: 'm',
        messages: [
          { role: 'user', content: 'a' },
          { role: 'critic', content: 'be terse' },
          { role: 'observer', content: [] },
        ],
      },
      target,
    );
    expect(JSON.stringify(body.messages)).toContain('be terse');
    expect(features(warnings)).toEqual(expect.arrayContaining(['role critic', 'role observer']));
  });

  it.each(TARGETS)('an unknown block with text is sent as text; a new binary block is dropped with a warning: %s', (target) => {
    const body = {
      model: 'm',
      max_tokens: 5,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'see' },
            { type: 'search_result', source: 'https://x.test', title: 'X', content: [{ type: 'text', text: 'found it' }] },
            { type: 'hologram', source: { type: 'base64', data: 'AAAA' } },
          ],
        },
      ],
    };
    const built = build('anthropic-messages', body, target);
    expect(JSON.stringify(built.body.messages)).toContain('found it');
    expect(features(built.warnings)).toEqual(expect.arrayContaining(['search_result', 'hologram']));
  });

  it('refuses only when a turn holds nothing but binary it cannot take, naming the block', () => {
    const body = { model: 'm', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } }] }] };
    expect(() => build('openai-chat', body, 'anthropic-messages')).toThrow(UnsupportedContentError);
    expect(() => build('openai-chat', body, 'anthropic-messages')).toThrow(/messages\[0\]\.content\[0\] \(input_audio/);
    const withText = { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'transcribe' }, body.messages[0]!.content[0]] }] };
    expect(build('openai-chat', withText, 'anthropic-messages').warnings.map((w) => w.feature)).toContain('input_audio');
  });

  it.each(['openai-chat', 'anthropic-messages', 'openai-responses'] as const)('warns, never fails, on unknown top-level fields (%s)', (client) => {
    const base = client === 'openai-responses' ? { model: 'm', input: 'hi' } : { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] };
    const parsed = parseRequest(client, { ...base, frobnicate_2027: { level: 3 } });
    expect(features(parsed.warnings)).toContain('frobnicate_2027');
  });
});

describe('documents and files', () => {
  const pdf = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQK' }, title: 'Spec' };
  const text = { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Plain notes.' }, title: 'Notes' };
  const byUrl = { type: 'document', source: { type: 'url', url: 'https://x.test/a.pdf' } };

  it('Anthropic documents -> OpenAI Chat file parts; text documents become text', () => {
    const { body } = build(
      'anthropic-messages',
      { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: [pdf, text, { type: 'text', text: 'summarise' }] }] },
      'openai-chat',
    );
    expect(body.messages[0].content).toEqual([
      { type: 'file', file: { filename: 'Spec.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQK' } },
      { type: 'text', text: 'Notes\n\nPlain notes.' },
      { type: 'text', text: 'summarise' },
    ]);
  });

  it('a PDF by URL alone cannot go to OpenAI Chat: 400 naming the block; beside text it is dropped with a warning', () => {
    expect(() => build('anthropic-messages', { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: [byUrl] }] }, 'openai-chat')).toThrow(
      /messages\[0\]\.content\[0\] \(a document by URL\)/,
    );
    const { warnings } = build(
      'anthropic-messages',
      { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: [byUrl, { type: 'text', text: 'and this' }] }] },
      'openai-chat',
    );
    expect(warnings.find((w) => w.feature === 'document')?.message).toMatch(/a document by URL; dropped/);
  });

  it('OpenAI file parts and Responses input_file -> Anthropic documents', () => {
    const chat = build(
      'openai-chat',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'file', file: { filename: 'r.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' } }] }] },
      'anthropic-messages',
    ).body;
    expect(chat.messages[0].content).toEqual([
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' }, title: 'r.pdf' },
    ]);
    const responses = build(
      'openai-responses',
      {
        model: 'm',
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_file', file_url: 'https://x.test/b.pdf' },
              { type: 'input_text', text: 'read' },
            ],
          },
        ],
      },
      'anthropic-messages',
    ).body;
    expect(responses.messages[0].content[0]).toEqual({ type: 'document', source: { type: 'url', url: 'https://x.test/b.pdf' } });
  });

  it('images by URL go both ways', () => {
    const toChat = build(
      'anthropic-messages',
      { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x.test/i.png' } }] }] },
      'openai-chat',
    ).body;
    expect(toChat.messages[0].content).toEqual([{ type: 'image_url', image_url: { url: 'https://x.test/i.png' } }]);
    const toAnthropic = build(
      'openai-chat',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x.test/i.png' } }] }] },
      'anthropic-messages',
    ).body;
    expect(toAnthropic.messages[0].content).toEqual([{ type: 'image', source: { type: 'url', url: 'https://x.test/i.png' } }]);
  });
});

describe('Codex free-form tools', () => {
  const codex = {
    model: 'm',
    input: [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'patch it' }] },
      { type: 'custom_tool_call', call_id: 'call_p1', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch' },
      { type: 'custom_tool_call_output', call_id: 'call_p1', output: 'Done!' },
    ],
    tools: [{ type: 'custom', name: 'apply_patch', description: 'Edit files', format: { type: 'grammar', syntax: 'lark', definition: 'start: begin_patch' } }],
  };

  it('become a function tool with one string input carrying the grammar, and calls with {"input"}', () => {
    const { body } = build('openai-responses', codex, 'anthropic-messages');
    expect(body.tools[0]).toMatchObject({ name: 'apply_patch', description: 'Edit files', input_schema: { type: 'object', required: ['input'] } });
    expect(body.tools[0].input_schema.properties.input.description).toContain('start: begin_patch');
    expect(body.messages[1].content[0]).toEqual({ type: 'tool_use', id: 'call_p1', name: 'apply_patch', input: { input: '*** Begin Patch\n*** End Patch' } });
  });

  it('come back to the Responses client as custom_tool_call items', () => {
    const response = parseResponse(
      'anthropic-messages',
      {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'c',
        content: [{ type: 'tool_use', id: 'toolu_9', name: 'apply_patch', input: { input: 'PATCH' } }],
        stop_reason: 'tool_use',
        usage: { input_tokens: 1, output_tokens: 1 },
      },
      () => 1,
    );
    const out: any = buildResponse('openai-responses', response, 'm', { customTools: new Set(['apply_patch']) });
    expect(out.output).toEqual([expect.objectContaining({ type: 'custom_tool_call', call_id: 'toolu_9', name: 'apply_patch', input: 'PATCH' })]);
  });
});

describe('reasoning state survives a trip through another format', () => {
  it('Anthropic signatures and redacted thinking ride in Responses encrypted_content and come back', () => {
    const response = parseResponse(
      'anthropic-messages',
      {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'c',
        content: [
          { type: 'thinking', thinking: 'hmm', signature: 'SIG1' },
          { type: 'redacted_thinking', data: 'RED1' },
          { type: 'tool_use', id: 't1', name: 'f', input: {} },
        ],
        stop_reason: 'tool_use',
        usage: { input_tokens: 1, output_tokens: 1 },
      },
      () => 1,
    );
    const items = (buildResponse('openai-responses', response) as any).output;
    expect(items.map((i: any) => i.type)).toEqual(['reasoning', 'reasoning', 'function_call']);
    expect(items[2].arguments).toBe('{}');
    const next = build(
      'openai-responses',
      { model: 'm', input: [{ role: 'user', content: 'go' }, ...items, { type: 'function_call_output', call_id: 't1', output: 'ok' }] },
      'anthropic-messages',
    ).body;
    expect(next.messages[1].content.slice(0, 2)).toEqual([
      { type: 'thinking', thinking: 'hmm', signature: 'SIG1' },
      { type: 'redacted_thinking', data: 'RED1' },
    ]);
  });

  it('OpenAI encrypted reasoning is never sent to Anthropic as a signature', () => {
    expect(fromEncryptedContent('gAAAAABoxyz')).toEqual({ encryptedContent: 'gAAAAABoxyz' });
    const { body, warnings } = build(
      'openai-responses',
      {
        model: 'm',
        input: [
          { role: 'user', content: 'go' },
          { type: 'reasoning', summary: [], encrypted_content: 'gAAAAABoxyz' },
          { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
          { type: 'function_call_output', call_id: 'c', output: 'x' },
        ],
      },
      'anthropic-messages',
    );
    expect(JSON.stringify(body)).not.toContain('gAAAA');
    expect(features(warnings)).toContain('unsigned reasoning in history');
  });
});

describe('server tools and citations: streamed and non-streamed agree', () => {
  const message = {
    id: 'msg_s',
    type: 'message',
    role: 'assistant',
    model: 'c',
    stop_reason: 'end_turn',
    usage: { input_tokens: 5, output_tokens: 5 },
    content: [
      { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_1',
        content: [{ type: 'web_search_result', url: 'https://w.test/p', title: 'P', encrypted_content: 'E' }],
      },
      {
        type: 'text',
        text: 'Cited fact.',
        citations: [{ type: 'web_search_result_location', url: 'https://w.test/p', title: 'P', cited_text: 'fact', encrypted_index: 'I' }],
      },
    ],
  };

  it('non-streamed: no function call, the citation as a url_citation annotation', () => {
    const chat: any = buildResponse(
      'openai-chat',
      parseResponse('anthropic-messages', message, () => 1),
    );
    expect(chat.choices[0].message.tool_calls).toBeUndefined();
    expect(chat.choices[0].finish_reason).toBe('stop');
    expect(chat.choices[0].message.annotations).toEqual([
      { type: 'url_citation', url_citation: { url: 'https://w.test/p', title: 'P', start_index: 0, end_index: 11 } },
    ]);
  });

  it('streamed: the same citation after the text it cites, and no tool call', () => {
    const sse = (type: string, body: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
    const stream = [
      sse('message_start', { message: { ...message, content: [], stop_reason: null } }),
      sse('content_block_start', { index: 0, content_block: message.content[0] }),
      sse('content_block_stop', { index: 0 }),
      sse('content_block_start', { index: 1, content_block: message.content[1] }),
      sse('content_block_stop', { index: 1 }),
      sse('content_block_start', { index: 2, content_block: { type: 'text', text: '' } }),
      sse('content_block_delta', { index: 2, delta: { type: 'citations_delta', citation: (message.content[2] as any).citations[0] } }),
      sse('content_block_delta', { index: 2, delta: { type: 'text_delta', text: 'Cited fact.' } }),
      sse('content_block_stop', { index: 2 }),
      sse('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 5 } }),
      sse('message_stop', {}),
    ].join('');
    const parts = runStage(
      createUpstreamDecoder('anthropic-messages', () => 1),
      [new TextEncoder().encode(stream)],
    );
    expect(parts.some((p) => p.type === 'tool-call-start')).toBe(false);
    expect(parts.filter((p) => p.type === 'citation')).toEqual([
      { type: 'citation', citation: { url: 'https://w.test/p', title: 'P', citedText: 'fact', startIndex: 0, endIndex: 11 } },
    ]);
  });
});

describe('OpenAI-compatible stream quirks', () => {
  it("takes id, model and created from the first chunk that has them (Azure's empty first chunk)", () => {
    const chunks = [
      'data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0}]}\n\n',
      'data: {"id":"chatcmpl-A1","object":"chat.completion.chunk","created":1763900123,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}\n\n',
      'data: [DONE]\n\n',
    ];
    const parts = runStage(
      createUpstreamDecoder('openai-chat', () => 42),
      chunks,
    );
    expect(parts[0]).toEqual({ type: 'start', id: 'chatcmpl-A1', model: 'gpt-4o', created: 1763900123 });
  });
});
