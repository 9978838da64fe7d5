/**
 * Codec throughput: requests converted per second (JSON text in -> upstream JSON text out,
 * as the gateway does) and streams transcoded in MB/s (upstream SSE bytes in 16 KiB
 * chunks -> client SSE text). Run through `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { buildRequest, createStreamTranslator, parseRequest, type UpstreamFormat } from '../src/formats/index.js';
import type { WireFormat } from '../src/formats/canonical/types.js';

// Run from the repository root (npm run bench); the bundle lives in a temporary folder.
const fixture = (name: string) => JSON.parse(readFileSync(`src/formats/__fixtures__/requests/${name}`, 'utf8'));
const now = () => Math.floor(Date.now() / 1000);

/** A long coding-agent conversation: the fixture's turns repeated, as Claude Code sends after an hour. */
function longConversation<T extends { messages?: unknown[]; input?: unknown[] }>(request: T, key: 'messages' | 'input', times: number): string {
  const turns = request[key] ?? [];
  const body = { ...request, [key]: Array.from({ length: times }, () => turns).flat() };
  return JSON.stringify(body);
}

function opsPerSecond(fn: () => void, ms = 1500): number {
  for (let i = 0; i < 50; i += 1) fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    fn();
    n += 1;
  }
  return n / ((performance.now() - start) / 1000);
}

const claude = fixture('anthropic-claude-code.json');
claude.messages.push({ role: 'assistant', content: [{ type: 'text', text: 'ok' }] });
const cases: [string, WireFormat, UpstreamFormat, string][] = [
  ['Anthropic -> OpenAI Chat', 'anthropic-messages', 'openai-chat', longConversation(claude, 'messages', 20)],
  ['OpenAI Chat -> Anthropic', 'openai-chat', 'anthropic-messages', longConversation(fixture('openai-chat-tools.json'), 'messages', 20)],
  ['Responses -> Anthropic', 'openai-responses', 'anthropic-messages', longConversation(fixture('responses-codex.json'), 'input', 20)],
  ['Responses -> OpenAI Chat', 'openai-responses', 'openai-chat', longConversation(fixture('responses-codex.json'), 'input', 20)],
];

console.log('\nRequest conversion (parse JSON, convert through the hub, serialise; ~60-100 message conversations)');
for (const [label, from, to, text] of cases) {
  const rate = opsPerSecond(() => {
    const { value } = parseRequest(from, JSON.parse(text));
    JSON.stringify(buildRequest(to, value, 'target-model').value);
  });
  console.log(
    `  ${label.padEnd(26)} ${(text.length / 1024).toFixed(1).padStart(6)} KiB body  ${Math.round(rate).toLocaleString('en-US').padStart(8)} requests/s`,
  );
}

function openaiStream(deltas: number): Uint8Array {
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null })}\n\n`;
  let s = chunk({ role: 'assistant', content: '' });
  for (let i = 0; i < deltas; i += 1) s += chunk({ content: `token ${i} — ünïcödé ` });
  s += chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }] });
  for (let i = 0; i < deltas / 10; i += 1) s += chunk({ tool_calls: [{ index: 0, function: { arguments: i === 0 ? '{"k":"' : 'abcdefgh' } }] });
  s += chunk({ tool_calls: [{ index: 0, function: { arguments: '"}' } }] });
  s += chunk({}, 'tool_calls') + 'data: [DONE]\n\n';
  return new TextEncoder().encode(s);
}

function anthropicStream(deltas: number): Uint8Array {
  const ev = (type: string, body: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
  let s = ev('message_start', {
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'claude',
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 1 },
    },
  });
  s += ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  for (let i = 0; i < deltas; i += 1) s += ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: `token ${i} — ünïcödé ` } });
  s +=
    ev('content_block_stop', { index: 0 }) +
    ev('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: deltas } }) +
    ev('message_stop', {});
  return new TextEncoder().encode(s);
}

function mbPerSecond(upstream: UpstreamFormat, client: WireFormat, bytes: Uint8Array): number {
  const run = () => {
    const stage = createStreamTranslator(upstream, client, { now, includeUsage: true });
    for (let at = 0; at < bytes.length; at += 16_384) stage.push(bytes.subarray(at, at + 16_384));
    stage.flush();
  };
  const rate = opsPerSecond(run, 1500);
  return (rate * bytes.length) / (1024 * 1024);
}

console.log('\nStream transcoding (upstream SSE bytes in 16 KiB chunks -> client SSE)');
const streams: [UpstreamFormat, Uint8Array][] = [
  ['openai-chat', openaiStream(20_000)],
  ['anthropic-messages', anthropicStream(20_000)],
];
for (const [upstream, bytes] of streams) {
  for (const client of ['openai-chat', 'anthropic-messages', 'openai-responses'] as WireFormat[]) {
    if (client === upstream) continue;
    console.log(
      `  ${`${upstream} -> ${client}`.padEnd(40)} ${(bytes.length / 1024 / 1024).toFixed(2)} MiB  ${mbPerSecond(upstream, client, bytes).toFixed(1).padStart(6)} MB/s`,
    );
  }
}
