/**
 * A provider that speaks only the OpenAI Responses API: Chat and Anthropic clients are
 * translated to it (streamed and not, through the official SDKs), Responses clients pass
 * through untouched but for `model`, and its in-stream failure is routed around.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig, startGateway, type RunningGateway } from '../helpers/gateway.js';

let fake: FakeProvider;
let gw: RunningGateway;
let openai: OpenAI;
let anthropic: Anthropic;
beforeAll(async () => {
  fake = await startFakeProvider();
  const config: Config = fakeConfig(fake.url);
  config.providers.push({
    id: 'rs',
    name: 'Fake Responses',
    baseUrl: `${fake.url}/v1`,
    apiKey: 'sk-rs-upstream-key',
    format: 'responses',
    models: ['ok', 'tools', 'stream-error-first', 'fail-500'].map((id) => ({ id })),
  });
  config.modelAliases = { ...config.modelAliases, 'rs-then-oa': { strategy: 'ordered', targets: [{ ref: 'rs/stream-error-first' }, { ref: 'oa/ok' }] } };
  gw = await startGateway(config, { LLM_ROUTER_DEBUG_ROUTING: '1' });
  openai = new OpenAI({ apiKey: 'x', baseURL: `${gw.url}/openai/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: 'x', baseURL: `${gw.url}/anthropic`, maxRetries: 0 });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
});

const weather = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const lastUpstream = () => fake.requests.filter((r) => r.path === '/v1/responses').pop()!;

describe('Chat clients to a Responses provider', () => {
  it('non-streamed: text and usage, sent to /v1/responses with Bearer auth and store:false', async () => {
    const completion = await openai.chat.completions.create({
      model: 'rs/ok',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('Hello from responses:ok');
    expect(completion.usage).toMatchObject({ prompt_tokens: 17, completion_tokens: 8, prompt_tokens_details: { cached_tokens: 5 } });
    const sent = lastUpstream();
    expect(sent.headers.authorization).toBe('Bearer sk-rs-upstream-key');
    expect(sent.body).toMatchObject({
      model: 'ok',
      instructions: 'Be brief.',
      store: false,
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
    });
  });

  it('streamed tool calls', async () => {
    const completion = await openai.chat.completions
      .stream({ model: 'rs/tools', messages: [{ role: 'user', content: 'weather?' }], tools: [weather] })
      .finalChatCompletion();
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && [call.id, call.function.name, JSON.parse(call.function.arguments)]).toEqual([
      'call_fake1',
      'get_weather',
      { city: 'Paris' },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });
});

describe('Anthropic clients to a Responses provider', () => {
  it('streamed text through messages.stream', async () => {
    const message = await anthropic.messages.stream({ model: 'rs/ok', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hello from responses:ok' })]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('tool use, non-streamed', async () => {
    const message = await anthropic.messages.create({
      model: 'rs/tools',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
    });
    expect(message.content).toEqual([expect.objectContaining({ type: 'tool_use', id: 'call_fake1', name: 'get_weather', input: { city: 'Paris' } })]);
    expect(message.stop_reason).toBe('tool_use');
  });
});

describe('Responses clients', () => {
  it('pass through untouched but for model', async () => {
    const body = { model: 'rs/ok', input: 'hi', store: false, include: ['reasoning.encrypted_content'], client_metadata: { thread_id: 't1' } };
    const response = await openai.responses.create(body as any);
    expect(response.output_text).toBe('Hello from responses:ok');
    expect(lastUpstream().body).toEqual({ ...body, model: 'ok' });
  });

  it('an in-stream response.failed before output is routed to the next target', async () => {
    const stream = openai.responses.stream({ model: 'rs-then-oa', input: 'hi' });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('Hello from openai:ok');
  });
});
