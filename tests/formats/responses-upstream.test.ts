/** OpenAI Responses as a provider format: the request builder and the response parser. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRequest, buildResponse, parseRequest, parseResponse } from '../../src/formats/index.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../src/formats/__fixtures__/requests/${name}`, import.meta.url), 'utf8'));
const features = (warnings: { feature: string }[]) => warnings.map((w) => w.feature);

describe('canonical -> Responses provider request', () => {
  it('Claude Code turn: instructions, in-place system as a developer item, function calls and outputs, effort, no state kept', () => {
    const parsed = parseRequest('anthropic-messages', load('claude-code-2.1.197-tool-loop.json'));
    const { value, warnings } = buildRequest('openai-responses', parsed.value, 'gpt-5-codex');
    const body: any = value;
    expect(body).toMatchObject({
      model: 'gpt-5-codex',
      store: false,
      stream: true,
      reasoning: { effort: 'high', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      max_output_tokens: 32000,
    });
    expect(body.instructions).toContain('Claude');
    expect(body.input.map((i: any) => `${i.type}:${i.role ?? ''}`)).toEqual(['message:user', 'message:developer', 'function_call:', 'function_call_output:']);
    expect(body.input[2].call_id).toBe(body.input[3].call_id);
    expect(body.tools.every((t: any) => t.type === 'function' && t.parameters)).toBe(true);
    expect(body.safety_identifier).toBe('user_redacted');
    expect(warnings.every((w) => w.message.length > 10)).toBe(true);
  });

  it("drops a user id longer than a safety_identifier may be (Claude Code's are), with a warning", () => {
    const parsed = parseRequest('anthropic-messages', {
      model: 'm',
      max_tokens: 5,
      metadata: { user_id: `user_${'a'.repeat(64)}_account_x_session_y` },
      messages: [{ role: 'user', content: 'hi' }],
    });
    const { value, warnings } = buildRequest('openai-responses', parsed.value, 'm');
    expect((value as any).safety_identifier).toBeUndefined();
    expect(features(warnings)).toContain('user');
  });

  it('documents become input_file (by data or URL), text documents input_text; stop sequences are warned', () => {
    const parsed = parseRequest('anthropic-messages', {
      model: 'm',
      max_tokens: 10,
      stop_sequences: ['END'],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' }, title: 'spec.pdf' },
            { type: 'document', source: { type: 'url', url: 'https://x.test/a.pdf' } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } },
          ],
        },
      ],
    });
    const { value, warnings } = buildRequest('openai-responses', parsed.value, 'm');
    expect((value as any).input[0].content).toEqual([
      { type: 'input_file', filename: 'spec.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' },
      { type: 'input_file', file_url: 'https://x.test/a.pdf' },
      { type: 'input_text', text: 'notes' },
    ]);
    expect(features(warnings)).toContain('stop');
  });

  it('Codex custom tools and calls go back as custom, with custom_tool_call_output', () => {
    const parsed = parseRequest('openai-responses', {
      model: 'm',
      input: [
        { role: 'user', content: 'patch' },
        { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: 'P' },
        { type: 'custom_tool_call_output', call_id: 'c1', output: 'ok' },
      ],
      tools: [{ type: 'custom', name: 'apply_patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } }],
    });
    const body: any = buildRequest('openai-responses', parsed.value, 'm').value;
    expect(body.tools).toEqual([{ type: 'custom', name: 'apply_patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } }]);
    expect(body.input.slice(1)).toEqual([
      { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: 'P' },
      { type: 'custom_tool_call_output', call_id: 'c1', output: 'ok' },
    ]);
  });

  it('sends back only its own encrypted reasoning: an OpenAI item that went to an Anthropic client returns as it was', () => {
    const upstream = parseResponse(
      'openai-responses',
      {
        id: 'resp_1',
        model: 'gpt-5',
        status: 'completed',
        output: [
          { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'think' }], encrypted_content: 'gAAAAABenc' },
          { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{"a":1}' },
        ],
        usage: { input_tokens: 3, output_tokens: 2 },
      },
      () => 1,
    );
    const toClaude: any = buildResponse('anthropic-messages', upstream);
    expect(toClaude.content[0]).toEqual({ type: 'thinking', thinking: 'think', signature: 'llmr:openai-encrypted:gAAAAABenc' });
    const next = parseRequest('anthropic-messages', {
      model: 'm',
      max_tokens: 9,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: toClaude.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'done' }] },
      ],
    });
    const body: any = buildRequest('openai-responses', next.value, 'gpt-5').value;
    expect(body.input[1]).toEqual({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'think' }], encrypted_content: 'gAAAAABenc' });
    const fromAnthropic = parseRequest('anthropic-messages', {
      model: 'm',
      max_tokens: 9,
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 't', signature: 'EqSIG' },
            { type: 'text', text: 'hi' },
          ],
        },
        { role: 'user', content: 'more' },
      ],
    });
    const built = buildRequest('openai-responses', fromAnthropic.value, 'gpt-5');
    expect(JSON.stringify(built.value)).not.toContain('EqSIG');
    expect(features(built.warnings)).toContain('foreign reasoning in history');
  });
});

describe('Responses provider response -> canonical', () => {
  it('message with citations, reasoning, function and custom calls, usage with cache and reasoning tokens', () => {
    const response = parseResponse(
      'openai-responses',
      {
        id: 'resp_9',
        model: 'gpt-5-codex',
        created_at: 1763900000,
        status: 'completed',
        output: [
          {
            id: 'rs',
            type: 'reasoning',
            summary: [
              { type: 'summary_text', text: 'a' },
              { type: 'summary_text', text: 'b' },
            ],
            encrypted_content: 'gAAAAx',
          },
          { id: 'ws', type: 'web_search_call', status: 'completed' },
          {
            id: 'm',
            type: 'message',
            role: 'assistant',
            content: [
              {
                type: 'output_text',
                text: 'See docs.',
                annotations: [{ type: 'url_citation', url: 'https://d.test', title: 'D', start_index: 4, end_index: 8 }],
              },
            ],
          },
          { id: 'fc', type: 'function_call', call_id: 'call_x', name: 'f', arguments: '' },
          { id: 'ct', type: 'custom_tool_call', call_id: 'call_y', name: 'apply_patch', input: 'PATCH' },
        ],
        usage: { input_tokens: 100, input_tokens_details: { cached_tokens: 60 }, output_tokens: 20, output_tokens_details: { reasoning_tokens: 12 } },
      },
      () => 1,
    );
    expect(response).toMatchObject({
      id: 'resp_9',
      created: 1763900000,
      finishReason: 'tool_calls',
      usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: 60, reasoningTokens: 12 },
    });
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'a\n\nb', encryptedContent: 'gAAAAx' },
      { type: 'text', text: 'See docs.', citations: [{ url: 'https://d.test', title: 'D', startIndex: 4, endIndex: 8 }] },
      { type: 'tool_call', id: 'call_x', name: 'f', arguments: '{}' },
      { type: 'tool_call', id: 'call_y', name: 'apply_patch', arguments: '{"input":"PATCH"}', custom: true },
    ]);
  });

  it('incomplete for max_output_tokens is a length finish; a failed response is a 502-class error', () => {
    expect(
      parseResponse('openai-responses', { id: 'r', status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [] }, () => 1)
        .finishReason,
    ).toBe('length');
    expect(() => parseResponse('openai-responses', { id: 'r', status: 'failed', error: { message: 'boom' }, output: [] }, () => 1)).toThrow(/boom/);
    expect(() => parseResponse('openai-responses', { choices: [] }, () => 1)).toThrow(/not an OpenAI Responses response/);
  });
});
