/** Every model endpoint x both upstream formats, plain and streamed, over real sockets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleAnthropic, assembleOpenAIChat, assembleResponses, type Assembled } from '../formats/assemble.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig, startGateway, type RunningGateway } from '../helpers/gateway.js';

let fake: FakeProvider;
let gw: RunningGateway;
beforeAll(async () => {
  fake = await startFakeProvider();
  gw = await startGateway(fakeConfig(fake.url));
});
afterAll(async () => {
  await gw.close();
  await fake.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${gw.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

type Client = { name: string; path: string; body: (model: string, stream: boolean) => object; text: (json: any) => string; assemble: (s: string) => Assembled };
const CLIENTS: Client[] = [
  {
    name: 'anthropic-messages',
    path: '/anthropic/v1/messages',
    body: (model, stream) => ({ model, max_tokens: 100, stream, messages: [{ role: 'user', content: 'hi' }] }),
    text: (j) => j.content.map((b: any) => b.text ?? '').join(''),
    assemble: assembleAnthropic,
  },
  {
    name: 'openai-chat',
    path: '/openai/v1/chat/completions',
    body: (model, stream) => ({ model, stream, messages: [{ role: 'user', content: 'hi' }] }),
    text: (j) => j.choices[0].message.content,
    assemble: assembleOpenAIChat,
  },
  {
    name: 'openai-responses',
    path: '/openai/v1/responses',
    body: (model, stream) => ({ model, stream, input: 'hi' }),
    text: (j) => j.output_text,
    assemble: assembleResponses,
  },
  {
    name: 'unified (anthropic-version header)',
    path: '/v1',
    body: (model, stream) => ({ model, max_tokens: 100, stream, system: 'be brief', messages: [{ role: 'user', content: 'hi' }] }),
    text: (j) => j.content.map((b: any) => b.text ?? '').join(''),
    assemble: assembleAnthropic,
  },
];

describe.each(CLIENTS)('$name', (client) => {
  const headers: Record<string, string> = client.name.startsWith('unified') ? { 'anthropic-version': '2023-06-01' } : {};
  it.each(['oa', 'an'])('plain, via the %s upstream', async (provider) => {
    const res = await post(client.path, client.body(`${provider}/ok`, false), headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-llm-router-overhead-ms')).toMatch(/^\d+\.\d\d$/);
    expect(client.text((await res.json()) as any)).toBe(`Hello from ${provider === 'oa' ? 'openai' : 'claude'}:ok`);
  });

  it.each(['oa', 'an'])('streamed, via the %s upstream', async (provider) => {
    const res = await post(client.path, client.body(`${provider}/ok`, true), headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const got = client.assemble(await res.text());
    expect(got.terminals).toBe(1);
    expect(got.text).toBe(`Hello from ${provider === 'oa' ? 'openai' : 'claude'}:ok`);
  });

  it.each(['oa', 'an'])('tool calls streamed, via the %s upstream', async (provider) => {
    const res = await post(client.path, client.body(`${provider}/tools`, true), headers);
    const got = client.assemble(await res.text());
    expect(got.tools.map((t) => [t.name, JSON.parse(t.args)])).toEqual([['get_weather', { city: 'Paris' }]]);
  });
});

describe('what reaches the upstream', () => {
  it("passthrough: the body is untouched except model; upstream auth and anthropic headers are the provider's", async () => {
    const before = fake.requests.length;
    const res = await post(
      '/anthropic/v1/messages',
      { model: 'an/ok', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }], x_vendor_field: { keep: true } },
      { 'anthropic-beta': 'tools-2024-04-04', authorization: 'Bearer client-secret' },
    );
    expect(res.status).toBe(200);
    const seen = fake.requests[before]!;
    expect(seen.body).toEqual({ model: 'ok', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }], x_vendor_field: { keep: true } });
    expect(seen.headers['x-api-key']).toBe('sk-an-upstream-key');
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['anthropic-version']).toBe('2023-06-01');
    expect(seen.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31,tools-2024-04-04');
  });

  it('translated: an Anthropic client reaching an OpenAI upstream sends a Chat request with usage requested', async () => {
    const before = fake.requests.length;
    await post('/v1/messages', { model: 'oa/ok', max_tokens: 50, stream: true, system: 'sys', messages: [{ role: 'user', content: 'hi' }] });
    const seen = fake.requests[before]!;
    expect(seen.path).toBe('/v1/chat/completions');
    expect(seen.headers.authorization).toBe('Bearer sk-oa-upstream-key');
    expect(seen.body).toEqual({
      model: 'ok',
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'hi' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 50,
    });
  });

  it('a missing model uses defaultModel', async () => {
    const res = await post('/v1/chat/completions', { messages: [{ role: 'user', content: 'hi' }] });
    expect(((await res.json()) as any).choices[0].message.content).toBe('Hello from openai:ok');
  });
});
