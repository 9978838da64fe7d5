import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createStreamTranslator, type UpstreamFormat } from '../../src/formats/index.js';
import type { WireFormat } from '../../src/formats/canonical/types.js';
import { runStage } from '../../src/formats/stream/stage.js';
import { assembleAnthropic, assembleOpenAIChat, assembleResponses, type Assembled } from './assemble.js';

const now = () => 1_763_900_000;
const fixture = (path: string) => readFileSync(new URL(`../../src/formats/__fixtures__/${path}`, import.meta.url));

interface Expect {
  text: string;
  reasoning?: string;
  signature?: string | Partial<Record<WireFormat, string>>;
  tools?: { name: string; args: unknown }[];
  finish?: 'stop' | 'length' | 'tool_calls';
  usage?: { input: number; output: number; cacheRead: number };
  error?: RegExp;
}

const FIXTURES: [string, UpstreamFormat, Expect][] = [
  ['openai-chat/text-usage.sse', 'openai-chat', { text: 'Héllo wörld, 世界 👋🏽!', finish: 'stop', usage: { input: 1219, output: 12, cacheRead: 1024 } }],
  [
    'openai-chat/parallel-tools.sse',
    'openai-chat',
    {
      text: '',
      finish: 'tool_calls',
      usage: { input: 82, output: 44, cacheRead: 0 },
      tools: [
        { name: 'get_weather', args: { location: 'Paris, France', unit: 'celsius' } },
        { name: 'get_time', args: { tz: 'Europe/Paris' } },
      ],
    },
  ],
  // Argument deltas of two tool calls interleaved (0, 1, 0+1, 1, 0), as some OpenAI-compatible servers send them.
  [
    'openai-chat/parallel-tools-interleaved.sse',
    'openai-chat',
    {
      text: '',
      finish: 'tool_calls',
      usage: { input: 120, output: 40, cacheRead: 0 },
      tools: [
        { name: 'read_file', args: { path: 'src/main.ts' } },
        { name: 'grep', args: { pattern: 'fetchUser', glob: '*.ts' } },
      ],
    },
  ],
  [
    'openai-chat/reasoning-no-done.sse',
    'openai-chat',
    { text: 'The answer is **4**.', reasoning: 'Let me think about 2+2… it is 4.', finish: 'stop', usage: { input: 16, output: 30, cacheRead: 0 } },
  ],
  ['openai-chat/error-midstream.sse', 'openai-chat', { text: 'Partial answ', error: /upstream connection reset/ }],
  ['openai-chat/error-before-output.sse', 'openai-chat', { text: '', error: /Rate limit exceeded/ }],
  [
    'anthropic-messages/text-cache.sse',
    'anthropic-messages',
    { text: 'Héllo wörld, 世界 👋🏽!', finish: 'stop', usage: { input: 2025, output: 15, cacheRead: 1800 } },
  ],
  [
    'anthropic-messages/tool-use.sse',
    'anthropic-messages',
    {
      text: "Okay, let's check the weather for Paris:",
      finish: 'tool_calls',
      usage: { input: 472, output: 89, cacheRead: 0 },
      tools: [
        { name: 'get_weather', args: { location: 'Paris, France', unit: 'celsius' } },
        { name: 'get_time', args: { tz: 'Europe/Paris' } },
      ],
    },
  ],
  [
    'anthropic-messages/thinking.sse',
    'anthropic-messages',
    {
      text: 'The GCD is **21**.',
      reasoning: 'I need to find the GCD of 1071 and 462…\n\n1071 = 2×462 + 147\n462 = 3×147 + 21\n147 = 7×21',
      signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds2fIOmg9Y1b6Fn',
      finish: 'stop',
      usage: { input: 39, output: 205, cacheRead: 0 },
    },
  ],
  ['anthropic-messages/error-midstream.sse', 'anthropic-messages', { text: 'Once upon a ti', error: /Overloaded/ }],
  ['anthropic-messages/error-before-output.sse', 'anthropic-messages', { text: '', error: /Overloaded/ }],
  ['anthropic-messages/truncated.sse', 'anthropic-messages', { text: 'Half a sent', error: /ended before/ }],
  // Web search and code execution run on Anthropic's side: never a function call the client must run; code output shown as text.
  [
    'anthropic-messages/server-tools.sse',
    'anthropic-messages',
    { text: 'Paris is the capital of France.\n```\n4\n```\nDone: 2+2 is 4.', finish: 'stop', usage: { input: 2210, output: 96, cacheRead: 0 } },
  ],
  // A tool with no arguments streams partial_json "": OpenAI clients must get "{}".
  [
    'anthropic-messages/tool-no-args.sse',
    'anthropic-messages',
    { text: '', finish: 'tool_calls', usage: { input: 796, output: 38, cacheRead: 384 }, tools: [{ name: 'get_current_time', args: {} }] },
  ],
  // Azure opens with an empty chunk (id "", model "", created 0, choices [], prompt_filter_results).
  ['openai-chat/azure-first-chunk.sse', 'openai-chat', { text: 'Azure says hello.', finish: 'stop', usage: { input: 19, output: 4, cacheRead: 0 } }],
  // OpenAI Responses as the upstream (providers serving models only there: codex, pro).
  [
    'openai-responses/text-usage.sse',
    'openai-responses',
    { text: 'Héllo wörld, 世界 👋🏽!', finish: 'stop', usage: { input: 1830, output: 22, cacheRead: 1536 } },
  ],
  [
    'openai-responses/reasoning-tool.sse',
    'openai-responses',
    {
      text: '',
      reasoning: '**Listing files**\n\nI should run ls.',
      signature: {
        'anthropic-messages': 'llmr:openai-encrypted:gAAAAABpXyzEncryptedReasoningBlob0123456789==',
        'openai-responses': 'gAAAAABpXyzEncryptedReasoningBlob0123456789==',
      },
      finish: 'tool_calls',
      usage: { input: 512, output: 64, cacheRead: 0 },
      tools: [{ name: 'exec_command', args: { cmd: 'ls -la' } }],
    },
  ],
  [
    'openai-responses/two-function-calls.sse',
    'openai-responses',
    {
      text: '',
      finish: 'tool_calls',
      usage: { input: 90, output: 30, cacheRead: 0 },
      tools: [
        { name: 'get_weather', args: { location: 'Paris' } },
        { name: 'get_weather', args: { location: 'Tokyo' } },
      ],
    },
  ],
  // A free-form tool (Codex's apply_patch): Chat and Anthropic clients get {"input": "..."}, Responses clients a custom_tool_call.
  [
    'openai-responses/custom-tool.sse',
    'openai-responses',
    {
      text: '',
      finish: 'tool_calls',
      usage: { input: 300, output: 25, cacheRead: 0 },
      tools: [{ name: 'apply_patch', args: { input: '*** Begin Patch\n*** Add File: hello.txt\n+hi "there"\n*** End Patch' } }],
    },
  ],
  ['openai-responses/failed-before-output.sse', 'openai-responses', { text: '', error: /Rate limit reached/ }],
  ['openai-responses/failed-after-output.sse', 'openai-responses', { text: 'Partial answ', error: /invalid content/ }],
  ['openai-responses/truncated.sse', 'openai-responses', { text: 'Half a sent', error: /ended before/ }],
  ['openai-responses/error-event.sse', 'openai-responses', { text: '', error: /An error occurred/ }],
];

const CLIENTS: [WireFormat, (s: string) => Assembled, Record<string, string>][] = [
  ['openai-chat', assembleOpenAIChat, { stop: 'stop', tool_calls: 'tool_calls', length: 'length' }],
  ['anthropic-messages', assembleAnthropic, { stop: 'end_turn', tool_calls: 'tool_use', length: 'max_tokens' }],
  ['openai-responses', assembleResponses, { stop: 'completed', tool_calls: 'completed', length: 'incomplete' }],
];

function translate(upstream: UpstreamFormat, client: WireFormat, chunks: Uint8Array[]): string {
  return runStage(createStreamTranslator(upstream, client, { now, includeUsage: true }), chunks).join('');
}

describe.each(CLIENTS)('streams to %s clients', (client, assemble, finishNames) => {
  it.each(FIXTURES)('%s', (path, upstream, want) => {
    const got = assemble(translate(upstream, client, [fixture(path)]));
    expect(got.terminals).toBe(1);
    expect(got.text).toBe(want.text);
    if (client !== 'openai-chat' || want.reasoning) expect(got.reasoning).toBe(want.reasoning ?? '');
    const signature = typeof want.signature === 'object' ? (want.signature[client] ?? '') : (want.signature ?? '');
    if (client !== 'openai-chat') expect(got.signature).toBe(signature);
    expect(got.tools.map((t) => ({ name: t.name, args: JSON.parse(t.args) }))).toEqual(want.tools ?? []);
    for (const tool of got.tools) expect(tool.id).not.toBe('');
    if (want.error) {
      expect(got.error).toMatch(want.error);
      return;
    }
    expect(got.error).toBeUndefined();
    expect(got.finish).toBe(finishNames[want.finish ?? 'stop']);
    expect(got.usage).toEqual(want.usage);
  });
});

describe('streams split at every byte offset give identical output', () => {
  for (const [path, upstream] of FIXTURES) {
    it(`${path}`, () => {
      const bytes = fixture(path);
      for (const [client] of CLIENTS) {
        const whole = translate(upstream, client, [bytes]);
        for (let at = 1; at < bytes.length; at += 1) {
          const split = translate(upstream, client, [bytes.subarray(0, at), bytes.subarray(at)]);
          if (split !== whole) expect.fail(`${client}: output differs when split at byte ${at} of ${bytes.length}`);
        }
        const oneByteAtATime = translate(
          upstream,
          client,
          [...bytes].map((b) => Uint8Array.of(b)),
        );
        expect(oneByteAtATime).toBe(whole);
      }
    });
  }
});

describe('malformed upstream streams end in one error event, never a hang or a fake success', () => {
  it.each([
    ['openai-chat', 'data: {"id":"c","choices":[{"index":0,"delta":{"content":"a"}}]}\n\ndata: {not json\n\n'],
    [
      'anthropic-messages',
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","model":"m","usage":{"input_tokens":1}}}\n\nevent: content_block_delta\ndata: <html>502</html>\n\n',
    ],
    ['openai-chat', ''],
  ] as const)('%s: %j', (upstream, text) => {
    for (const [client, assemble] of CLIENTS) {
      const got = assemble(translate(upstream, client, [new TextEncoder().encode(text)]));
      expect(got.terminals).toBe(1);
      expect(got.error).toMatch(/not JSON|without any event/);
    }
  });
});
