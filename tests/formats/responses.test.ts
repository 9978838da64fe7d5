import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildResponse,
  createUpstreamDecoder,
  parseRequest,
  parseResponse,
  parseUpstreamError,
  peekUntilOutput,
  renderError,
} from '../../src/formats/index.js';
import { estimateInputTokens } from '../../src/formats/count-tokens.js';

const now = () => 1_763_900_000;
const load = (name: string) => JSON.parse(readFileSync(new URL(`../../src/formats/__fixtures__/${name}`, import.meta.url), 'utf8'));

describe('non-streamed responses', () => {
  const openai = parseResponse('openai-chat', load('responses/openai-chat-tool-calls.json'), now);
  const anthropic = parseResponse('anthropic-messages', load('responses/anthropic-thinking-tool.json'), now);

  it('OpenAI upstream -> Anthropic client: no empty text block, tool_use, cache-aware usage', () => {
    const body: any = buildResponse('anthropic-messages', openai, 'router/gpt');
    expect(body).toEqual({
      id: 'msg_BlaZ8c2Jq3nE9',
      type: 'message',
      role: 'assistant',
      model: 'router/gpt',
      content: [{ type: 'tool_use', id: 'call_12345xyz', name: 'get_weather', input: { location: 'Paris, France' } }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 93, output_tokens: 16, cache_creation_input_tokens: 0, cache_read_input_tokens: 1024 },
    });
  });

  it('Anthropic upstream -> OpenAI client: created in seconds, reasoning kept, usage includes cache', () => {
    const body: any = buildResponse('openai-chat', anthropic);
    expect(body.created).toBe(1_763_900_000);
    expect(body.id).toBe('chatcmpl-01Aq9w938a90dw8q');
    expect(body.choices[0]).toEqual({
      index: 0,
      logprobs: null,
      finish_reason: 'tool_calls',
      message: {
        role: 'assistant',
        content: "I'll check the current weather in Paris.",
        reasoning_content: "The user wants the weather; I'll call the tool.",
        tool_calls: [{ id: 'toolu_01D7FLrfh4GYq7yT1ULFeyMV', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris, France"}' } }],
        refusal: null,
      },
    });
    expect(body.usage).toEqual({
      prompt_tokens: 3595,
      completion_tokens: 503,
      total_tokens: 4098,
      prompt_tokens_details: { cached_tokens: 1500 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('Anthropic upstream -> Responses client: reasoning (signature in encrypted_content), message, function call', () => {
    const body: any = buildResponse('openai-responses', anthropic);
    expect(body).toMatchObject({
      id: 'resp_01Aq9w938a90dw8q',
      object: 'response',
      created_at: 1_763_900_000,
      status: 'completed',
      output_text: "I'll check the current weather in Paris.",
    });
    expect(body.output.map((o: any) => o.type)).toEqual(['reasoning', 'message', 'function_call']);
    expect(body.output[0].encrypted_content).toBe('llmr:anthropic-signature:WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve');
    expect(body.output[2]).toMatchObject({
      call_id: 'toolu_01D7FLrfh4GYq7yT1ULFeyMV',
      name: 'get_weather',
      arguments: '{"location":"Paris, France"}',
      status: 'completed',
    });
    expect(body.usage).toEqual({
      input_tokens: 3595,
      input_tokens_details: { cached_tokens: 1500 },
      output_tokens: 503,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 4098,
    });
  });

  it('OpenAI upstream -> Responses client and back to an OpenAI client', () => {
    const responses: any = buildResponse('openai-responses', openai);
    expect(responses).toMatchObject({ id: 'resp_BlaZ8c2Jq3nE9', status: 'completed', created_at: 1741569952, output_text: '' });
    expect(responses.output).toEqual([
      {
        id: 'fc_BlaZ8c2Jq3nE9_0',
        type: 'function_call',
        status: 'completed',
        arguments: '{"location":"Paris, France"}',
        call_id: 'call_12345xyz',
        name: 'get_weather',
      },
    ]);
    expect(responses.usage).toMatchObject({ input_tokens: 1117, input_tokens_details: { cached_tokens: 1024 }, output_tokens: 16 });
    const chat: any = buildResponse('openai-chat', openai);
    expect(chat).toMatchObject({
      id: 'chatcmpl-BlaZ8c2Jq3nE9',
      created: 1741569952,
      choices: [{ finish_reason: 'tool_calls', message: { content: null, tool_calls: [{ id: 'call_12345xyz' }] } }],
      usage: { prompt_tokens: 1117, prompt_tokens_details: { cached_tokens: 1024 } },
    });
  });

  it('maps stop reasons both ways', () => {
    const cases: [string, string, string, string][] = [
      ['end_turn', 'stop', 'end_turn', 'completed'],
      ['max_tokens', 'length', 'max_tokens', 'incomplete'],
      ['tool_use', 'tool_calls', 'tool_use', 'completed'],
      ['stop_sequence', 'stop', 'stop_sequence', 'completed'],
      ['refusal', 'content_filter', 'refusal', 'incomplete'],
    ];
    for (const [anthropicReason, openaiReason, back, status] of cases) {
      const parsed = parseResponse(
        'anthropic-messages',
        { id: 'msg_1', content: [{ type: 'text', text: 'x' }], stop_reason: anthropicReason, usage: { input_tokens: 1, output_tokens: 1 } },
        now,
      );
      expect((buildResponse('openai-chat', parsed) as any).choices[0].finish_reason).toBe(openaiReason);
      expect(buildResponse('anthropic-messages', parsed).stop_reason).toBe(back);
      expect(buildResponse('openai-responses', parsed).status).toBe(status);
    }
    const length = parseResponse('openai-chat', { id: 'c', choices: [{ message: { content: 'x' }, finish_reason: 'length' }] }, now);
    expect(buildResponse('anthropic-messages', length).stop_reason).toBe('max_tokens');
    expect(buildResponse('openai-responses', length).incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });

  it('an empty answer is an empty content list, never an empty text block', () => {
    const empty = parseResponse('openai-chat', { id: 'c', choices: [{ message: { content: '' }, finish_reason: 'stop' }] }, now);
    expect(buildResponse('anthropic-messages', empty).content).toEqual([]);
  });

  it('rejects a body that is not a response of the upstream format', () => {
    expect(() => parseResponse('openai-chat', { type: 'message', content: [] }, now)).toThrow(/not an OpenAI chat completion/);
    expect(() => parseResponse('anthropic-messages', { choices: [] }, now)).toThrow(/not an Anthropic message/);
  });
});

describe("errors in each format's shape", () => {
  const error = { status: 429, kind: 'rate_limit' as const, message: 'slow down' };
  it('renders OpenAI, Anthropic and Responses errors', () => {
    expect(renderError('openai-chat', error)).toEqual({
      status: 429,
      body: { error: { message: 'slow down', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' } },
    });
    expect(renderError('anthropic-messages', error)).toEqual({
      status: 429,
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
    });
    expect(renderError('openai-responses', { status: 400, kind: 'invalid_request', message: 'bad', param: 'input' }).body).toEqual({
      error: { message: 'bad', type: 'invalid_request_error', param: 'input', code: null },
    });
  });

  it('parses upstream error bodies of either format, and non-JSON ones', () => {
    expect(parseUpstreamError('anthropic-messages', 529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toEqual({
      status: 529,
      kind: 'overloaded',
      message: 'Overloaded',
    });
    expect(
      parseUpstreamError('openai-chat', 429, '{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded","param":null}}'),
    ).toMatchObject({ status: 429, kind: 'rate_limit', message: 'Rate limit reached', code: 'rate_limit_exceeded' });
    expect(parseUpstreamError('openai-chat', 502, '<html>Bad gateway</html>')).toEqual({ status: 502, kind: 'api_error', message: '<html>Bad gateway</html>' });
    const translated = renderError(
      'openai-chat',
      parseUpstreamError('anthropic-messages', 401, '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}'),
    );
    expect(translated).toEqual({
      status: 401,
      body: { error: { message: 'invalid x-api-key', type: 'authentication_error', param: null, code: 'invalid_api_key' } },
    });
  });
});

describe('peekUntilOutput', () => {
  const chunks = (path: string) => {
    const bytes = readFileSync(new URL(`../../src/formats/__fixtures__/${path}`, import.meta.url));
    const parts: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += 64) parts.push(bytes.subarray(at, at + 64));
    return parts[Symbol.iterator]() as unknown as AsyncIterator<Uint8Array>;
  };
  const iterate = (path: string) => {
    const it = chunks(path);
    return { next: async () => (it as unknown as Iterator<Uint8Array>).next() } as AsyncIterator<Uint8Array>;
  };

  it('reports an error that arrives inside a 200 stream before any output, so the gateway can fall back', async () => {
    const result = await peekUntilOutput(iterate('anthropic-messages/error-before-output.sse'), createUpstreamDecoder('anthropic-messages', now));
    expect(result.outcome).toBe('error');
    expect(result.error).toMatchObject({ kind: 'overloaded', status: 529 });
    const openai = await peekUntilOutput(iterate('openai-chat/error-before-output.sse'), createUpstreamDecoder('openai-chat', now));
    expect(openai).toMatchObject({ outcome: 'error', error: { kind: 'rate_limit' } });
  });

  it('stops at the first output part and hands back what it read', async () => {
    const result = await peekUntilOutput(iterate('anthropic-messages/text-cache.sse'), createUpstreamDecoder('anthropic-messages', now));
    expect(result.outcome).toBe('output');
    // Everything decoded from the chunk holding the first output comes back for replay.
    expect(result.parts.slice(0, 2).map((p) => p.type)).toEqual(['start', 'text-delta']);
    expect(result.parts.some((p) => p.type === 'finish')).toBe(false);
  });
});

describe('count_tokens estimate', () => {
  it('counts text, tools and images, and grows with the request', () => {
    const small = estimateInputTokens(
      parseRequest('anthropic-messages', { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hello world' }] }).value,
    );
    expect(small).toBe(4 + 2);
    const withTool = estimateInputTokens(
      parseRequest('anthropic-messages', {
        model: 'm',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hello world' }],
        tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } }],
      }).value,
    );
    expect(withTool).toBeGreaterThan(small + 8);
    const claudeCode = estimateInputTokens(parseRequest('anthropic-messages', load('requests/anthropic-claude-code.json')).value);
    expect(claudeCode).toBeGreaterThan(2 * 1600);
    expect(claudeCode).toBeLessThan(2 * 1600 + 400);
  });
});

describe('peekUntilOutput ordering', () => {
  it('output followed by an error in the same chunk is output (the client must get both)', async () => {
    const text =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","model":"m","usage":{"input_tokens":1}}}\n\n' +
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n' +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const chunks = [new TextEncoder().encode(text)][Symbol.iterator]();
    const result = await peekUntilOutput({ next: async () => chunks.next() } as AsyncIterator<Uint8Array>, createUpstreamDecoder('anthropic-messages', now));
    expect(result.outcome).toBe('output');
    expect(result.parts.map((p) => p.type)).toEqual(['start', 'text-delta', 'error']);
  });
});
