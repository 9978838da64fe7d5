/**
 * The official SDKs' own stream accumulators consume our encoded streams: what Claude
 * Code (@anthropic-ai/sdk), OpenCode/scripts (openai chat) and Codex-style clients
 * (openai responses) would see. The SDKs get a fetch that returns our bytes; no network.
 */
import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { buildResponse, createStreamTranslator, parseResponse, type UpstreamFormat } from '../../src/formats/index.js';
import type { WireFormat } from '../../src/formats/canonical/types.js';
import { runStage } from '../../src/formats/stream/stage.js';

const now = () => 1_763_900_000;
const fixture = (path: string) => readFileSync(new URL(`../../src/formats/__fixtures__/${path}`, import.meta.url));

function fetchReturning(body: string, contentType: string): typeof fetch {
  return async () => new Response(body, { status: 200, headers: { 'content-type': contentType } });
}

function translated(path: string, upstream: UpstreamFormat, client: WireFormat): string {
  return runStage(createStreamTranslator(upstream, client, { now, includeUsage: true, model: 'router-model' }), [fixture(path)]).join('');
}

const anthropicFor = (body: string) =>
  new Anthropic({ apiKey: 'test', baseURL: 'http://127.0.0.1:9', fetch: fetchReturning(body, 'text/event-stream'), maxRetries: 0 });
const openaiFor = (body: string, type = 'text/event-stream') =>
  new OpenAI({ apiKey: 'test', baseURL: 'http://127.0.0.1:9/v1', fetch: fetchReturning(body, type), maxRetries: 0 });
const ask = { model: 'm', max_tokens: 100, messages: [{ role: 'user' as const, content: 'hi' }] };

describe('@anthropic-ai/sdk MessageStream accepts our Anthropic streams', () => {
  it('text and tool calls from an OpenAI-format upstream', async () => {
    const message = await anthropicFor(translated('openai-chat/parallel-tools.sse', 'openai-chat', 'anthropic-messages'))
      .messages.stream(ask)
      .finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.map((b) => b.type)).toEqual(['tool_use', 'tool_use']);
    expect(message.content[0]).toMatchObject({ name: 'get_weather', input: { location: 'Paris, France', unit: 'celsius' } });
    expect(message.usage).toMatchObject({ input_tokens: 82, output_tokens: 44 });
    expect(message.model).toBe('router-model');
  });

  it('parallel tool calls whose argument deltas the upstream interleaved', async () => {
    const message = await anthropicFor(translated('openai-chat/parallel-tools-interleaved.sse', 'openai-chat', 'anthropic-messages'))
      .messages.stream(ask)
      .finalMessage();
    expect(message.content).toEqual([
      expect.objectContaining({ type: 'tool_use', id: 'call_a1', name: 'read_file', input: { path: 'src/main.ts' } }),
      expect.objectContaining({ type: 'tool_use', id: 'call_b2', name: 'grep', input: { pattern: 'fetchUser', glob: '*.ts' } }),
    ]);
  });

  it('thinking with its signature, passed through from Anthropic', async () => {
    const message = await anthropicFor(translated('anthropic-messages/thinking.sse', 'anthropic-messages', 'anthropic-messages'))
      .messages.stream(ask)
      .finalMessage();
    expect(message.content[0]).toMatchObject({ type: 'thinking', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds2fIOmg9Y1b6Fn' });
    expect(message.content[1]).toMatchObject({ type: 'text', text: 'The GCD is **21**.' });
  });

  it('cache usage from an OpenAI upstream', async () => {
    const message = await anthropicFor(translated('openai-chat/text-usage.sse', 'openai-chat', 'anthropic-messages'))
      .messages.stream(ask)
      .finalMessage();
    expect(message.content).toHaveLength(1);
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Héllo wörld, 世界 👋🏽!' });
    expect(message.usage).toMatchObject({ input_tokens: 195, cache_read_input_tokens: 1024, output_tokens: 12 });
  });

  it('a mid-stream error surfaces as an overloaded error', async () => {
    const stream = anthropicFor(translated('anthropic-messages/error-midstream.sse', 'anthropic-messages', 'anthropic-messages')).messages.stream(ask);
    await expect(stream.finalMessage()).rejects.toThrow(/Overloaded/);
  });
});

describe('openai SDK accepts our OpenAI Chat streams', () => {
  it('tool calls from an Anthropic upstream', async () => {
    const stream = openaiFor(translated('anthropic-messages/tool-use.sse', 'anthropic-messages', 'openai-chat')).chat.completions.stream({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream_options: { include_usage: true },
    });
    const completion = await stream.finalChatCompletion();
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBe("Okay, let's check the weather for Paris:");
    expect(choice.message.tool_calls?.map((c) => c.type === 'function' && [c.function.name, JSON.parse(c.function.arguments)])).toEqual([
      ['get_weather', { location: 'Paris, France', unit: 'celsius' }],
      ['get_time', { tz: 'Europe/Paris' }],
    ]);
    expect(completion.usage).toMatchObject({ prompt_tokens: 472, completion_tokens: 89 });
  });

  it('an upstream error mid-stream throws an API error', async () => {
    const stream = await openaiFor(translated('anthropic-messages/error-midstream.sse', 'anthropic-messages', 'openai-chat')).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    await expect(async () => {
      for await (const chunk of stream) void chunk;
    }).rejects.toThrow(/Overloaded/);
  });
});

describe('openai SDK ResponseStream accepts our Responses streams', () => {
  it('text, reasoning and function calls from an Anthropic upstream', async () => {
    for (const [path, check] of [
      [
        'anthropic-messages/tool-use.sse',
        (r: any) => {
          expect(r.output.map((o: any) => o.type)).toEqual(['message', 'function_call', 'function_call']);
          expect(r.output[1]).toMatchObject({
            name: 'get_weather',
            call_id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
            arguments: '{"location": "Paris, France", "unit": "celsius"}',
          });
          expect(r.usage).toMatchObject({ input_tokens: 472, output_tokens: 89 });
        },
      ],
      [
        'anthropic-messages/thinking.sse',
        (r: any) => {
          expect(r.output[0]).toMatchObject({
            type: 'reasoning',
            encrypted_content: 'llmr:anthropic-signature:EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds2fIOmg9Y1b6Fn',
          });
          expect(r.output_text).toBe('The GCD is **21**.');
        },
      ],
    ] as const) {
      const stream = openaiFor(translated(path, 'anthropic-messages', 'openai-responses')).responses.stream({ model: 'm', input: 'hi' });
      const response = await stream.finalResponse();
      expect(response.status).toBe('completed');
      check(response);
    }
  });
});

describe('non-streamed bodies through the SDKs', () => {
  const anthropicBody = {
    id: 'msg_01',
    type: 'message',
    role: 'assistant',
    model: 'claude-x',
    content: [
      { type: 'text', text: 'Hi' },
      { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
    ],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 90 },
  };

  it('openai chat.completions.create reads a translated Anthropic message', async () => {
    const body = JSON.stringify(buildResponse('openai-chat', parseResponse('anthropic-messages', anthropicBody, now)));
    const completion = await openaiFor(body, 'application/json').chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]?.message.tool_calls?.[0]).toMatchObject({ id: 'toolu_1', function: { name: 'f', arguments: '{"a":1}' } });
    expect(completion.usage).toMatchObject({ prompt_tokens: 100, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 90 } });
    expect(completion.created).toBe(1_763_900_000);
  });

  it('openai responses.create reads a translated Anthropic message', async () => {
    const body = JSON.stringify(buildResponse('openai-responses', parseResponse('anthropic-messages', anthropicBody, now)));
    const response = await openaiFor(body, 'application/json').responses.create({ model: 'm', input: 'hi' });
    expect(response.output_text).toBe('Hi');
    expect(response.output.map((o) => o.type)).toEqual(['message', 'function_call']);
  });
});
