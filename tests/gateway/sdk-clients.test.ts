/**
 * The official openai and @anthropic-ai/sdk clients against the running gateway (real
 * sockets): the local Node gateway, the built Cloudflare Worker under Miniflare (its config
 * sealed into the bundle, routing state in the Durable Object), and the Worker exactly as
 * `llm-router deploy` uploaded it to a fake Cloudflare API: the same suite on all three.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig, startGateway, type RunningGateway } from '../helpers/gateway.js';
import { startDeployedWorker } from '../helpers/deployed-worker.js';
import { startWorker } from '../helpers/worker.js';

const KEY = 'gw_Sdk-Conformance-Key-aB3dE5gH7jK9mN1pQ';
const weather = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

const TARGETS: [string, (config: Config) => Promise<RunningGateway>][] = [
  ['local gateway', (config) => startGateway(config)],
  ['Worker under Miniflare', (config) => startWorker(config)],
  // What `llm-router deploy --workers-dev` uploaded to a fake Cloudflare API, run under Miniflare.
  ['Worker deployed by llm-router deploy', (config) => startDeployedWorker(config)],
];

describe.each(TARGETS)('%s', (_name, start) => {
  let fake: FakeProvider;
  let gw: RunningGateway;
  let openai: OpenAI;
  let anthropic: Anthropic;
  beforeAll(async () => {
    fake = await startFakeProvider();
    gw = await start({ ...fakeConfig(fake.url), masterKey: KEY });
    openai = new OpenAI({ apiKey: KEY, baseURL: `${gw.url}/openai/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: KEY, baseURL: `${gw.url}/anthropic`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gw?.close();
    await fake?.close();
  });

  describe('openai SDK', () => {
    it.each(['oa/ok', 'an/ok'])('chat.completions.create (%s)', async (model) => {
      const completion = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0]?.message.content).toMatch(/^Hello from (openai|claude):ok$/);
      expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    });

    it.each(['oa/tools', 'an/tools'])('streamed tool calls via chat.completions.stream (%s)', async (model) => {
      const stream = openai.chat.completions.stream({
        model,
        messages: [{ role: 'user', content: 'weather?' }],
        tools: [weather],
        stream_options: { include_usage: true },
      });
      const completion = await stream.finalChatCompletion();
      const call = completion.choices[0]?.message.tool_calls?.[0];
      expect(call?.type === 'function' && [call.function.name, JSON.parse(call.function.arguments)]).toEqual(['get_weather', { city: 'Paris' }]);
      expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    });

    it.each(['an/ok', 'oa/ok'])('responses.stream (%s), as Codex uses it', async (model) => {
      const response = await openai.responses.stream({ model, input: 'hi', instructions: 'be brief' }).finalResponse();
      expect(response.status).toBe('completed');
      expect(response.output_text).toMatch(/^Hello from (openai|claude):ok$/);
    });

    it('responses.create with a function call from an Anthropic upstream', async () => {
      const response = await openai.responses.create({
        model: 'an/tools',
        input: 'weather?',
        tools: [{ type: 'function', name: 'get_weather', parameters: weather.function.parameters, strict: false }],
      });
      expect(response.output[0]).toMatchObject({ type: 'function_call', name: 'get_weather', call_id: 'toolu_fake1' });
    });

    it('models.list includes models and aliases', async () => {
      const ids: string[] = [];
      for await (const model of openai.models.list()) ids.push(model.id);
      expect(ids).toEqual(expect.arrayContaining(['oa/ok', 'an/ok', 'after-429']));
    });

    it('a wrong key is an AuthenticationError', async () => {
      const bad = new OpenAI({ apiKey: 'wrong', baseURL: `${gw.url}/openai/v1`, maxRetries: 0 });
      await expect(bad.chat.completions.create({ model: 'oa/ok', messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(
        OpenAI.AuthenticationError,
      );
    });
  });

  describe('@anthropic-ai/sdk', () => {
    it.each(['an/ok', 'oa/ok'])('messages.create (%s)', async (model) => {
      const message = await anthropic.messages.create({ model, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
      expect(message.content[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^Hello from (openai|claude):ok$/) });
    });

    it.each(['an/tools', 'oa/tools'])('messages.stream with tools (%s), as Claude Code uses it', async (model) => {
      const message = await anthropic.messages
        .stream({
          model,
          max_tokens: 100,
          messages: [{ role: 'user', content: 'weather?' }],
          tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
        })
        .finalMessage();
      expect(message.stop_reason).toBe('tool_use');
      expect(message.content.find((b) => b.type === 'tool_use')).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } });
    });

    it('messages.countTokens', async () => {
      const count = await anthropic.messages.countTokens({ model: 'oa/ok', messages: [{ role: 'user', content: 'hello world' }] });
      expect(count.input_tokens).toBe(6);
    });

    it('an upstream 429 reaches the SDK as a RateLimitError when nothing can take over', async () => {
      await expect(anthropic.messages.create({ model: 'an/fail-429', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(
        Anthropic.RateLimitError,
      );
    });
  });
});
