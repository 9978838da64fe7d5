/**
 * Issue #11 at the gateway: today's Claude Code request shape through an OpenAI-format
 * provider, converter warnings reaching the client, content only some providers can take,
 * and count_tokens resolved like a message request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig, startGateway, type RunningGateway } from '../helpers/gateway.js';
import type { Config } from '../../src/config/schema.js';

let fake: FakeProvider;
let gw: RunningGateway;
beforeAll(async () => {
  fake = await startFakeProvider();
  const config: Config = fakeConfig(fake.url);
  config.modelAliases = { ...config.modelAliases, 'any-doc': { strategy: 'ordered', targets: [{ ref: 'oa/ok' }, { ref: 'an/ok' }] } };
  gw = await startGateway(config, { LLM_ROUTER_DEBUG_ROUTING: '1' });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
});

const messages = (body: object, path = '/v1/messages') =>
  fetch(`${gw.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: JSON.stringify(body) });

const claudeCode = (model: string) => ({
  model,
  max_tokens: 32000,
  system: [{ type: 'text', text: 'You are Claude Code.' }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'hello' }] },
    { role: 'system', content: 'Reminder: be brief.' },
    { role: 'user', content: 'go on' },
  ],
  thinking: { type: 'adaptive' },
  output_config: { effort: 'medium' },
  context_management: { edits: [] },
  stream: false,
});

describe('Claude Code 2.1.x through an OpenAI-format provider', () => {
  it('answers instead of refusing the system message inside messages, and keeps it in place upstream', async () => {
    const before = fake.requests.length;
    const res = await messages(claudeCode('oa/ok'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).content[0].text).toBe('Hello from openai:ok');
    const sent = fake.requests.slice(before).find((r) => r.path === '/v1/chat/completions')!.body;
    expect(sent.messages.map((m: any) => m.role)).toEqual(['system', 'user', 'system', 'user']);
    expect(sent.reasoning_effort).toBe('medium');
  });

  it('names what it dropped in x-llm-router-warnings (debug routing), printable ASCII only', async () => {
    const res = await messages({
      ...claudeCode('oa/ok'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi' },
            { type: 'new\u00e9block', text: 'x' },
          ],
        },
      ],
    });
    const warnings = res.headers.get('x-llm-router-warnings') ?? '';
    expect(warnings).toContain('unsupported-field:context_management');
    expect(warnings).toContain('lossy-mapping:new?block');
  });
});

describe('content only some providers can take', () => {
  const pdfByUrl = {
    model: 'any-doc',
    max_tokens: 50,
    messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'https://x.test/a.pdf' } }] }],
  };

  it('goes to the candidate that can take it', async () => {
    const res = await messages(pdfByUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-llm-router-attempts')).toBe('oa/ok:unsupported-content,an/ok:200');
  });

  it('is refused with a 400 naming the block and the provider when none can', async () => {
    const res = await messages({ ...pdfByUrl, model: 'oa/ok' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/messages\[0\]\.content\[0\] \(a document by URL\) cannot be sent to oa\/ok/);
  });
});

describe('count_tokens', () => {
  it('asks an Anthropic-format target for the exact count', async () => {
    const res = await messages({ model: 'an/ok', messages: [{ role: 'user', content: 'hello world' }] }, '/v1/messages/count_tokens');
    expect(res.headers.get('x-llm-router-token-count')).toBe('provider; an/ok');
    expect(await res.json()).toEqual({ input_tokens: 4242 });
    const forwarded = fake.requests.filter((r) => r.path === '/v1/messages/count_tokens').pop()!;
    expect(forwarded.body.model).toBe('ok');
    expect(forwarded.headers['x-api-key']).toBe('sk-an-upstream-key');
  });

  it('estimates locally for other targets (system, tools, tool calls and results, images counted)', async () => {
    const base = { model: 'oa/ok', messages: [{ role: 'user', content: 'hello world' }] };
    const count = async (body: object) => {
      const res = await messages(body, '/v1/messages/count_tokens');
      expect(res.headers.get('x-llm-router-token-count')).toBe('estimate; o200k_base');
      return ((await res.json()) as any).input_tokens as number;
    };
    const small = await count(base);
    const withSystem = await count({ ...base, system: 'You are a very careful assistant who checks every answer twice.' });
    const withImage = await count({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
            { type: 'text', text: 'hello world' },
          ],
        },
      ],
    });
    const withTools = await count({
      ...base,
      tools: [{ name: 'bash', description: 'Run a command', input_schema: { type: 'object', properties: { command: { type: 'string' } } } }],
    });
    expect(withSystem).toBeGreaterThan(small + 10);
    expect(withImage).toBeGreaterThanOrEqual(small + 1600);
    expect(withTools).toBeGreaterThan(small + 10);
  });

  it('a large count does not stall other requests', async () => {
    const huge = { model: 'oa/ok', messages: [{ role: 'user', content: 'lorem ipsum dolor sit amet '.repeat(200_000) }] };
    let countDone = 0;
    const counting = messages(huge, '/v1/messages/count_tokens').then(async (res) => {
      countDone = performance.now();
      return ((await res.json()) as any).input_tokens as number;
    });
    await new Promise((r) => setTimeout(r, 30));
    const health = await fetch(`${gw.url}/health`);
    const healthDone = performance.now();
    expect(health.status).toBe(200);
    expect(await counting).toBeGreaterThan(500_000);
    // /health is served while the count is still running (it yields between slices).
    expect(healthDone).toBeLessThan(countDone);
  });
});
