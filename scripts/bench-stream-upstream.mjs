#!/usr/bin/env node
// A fake provider for streaming benchmarks (loopback only): OpenAI Chat, Anthropic
// Messages and OpenAI Responses, each streamed as M text deltas written one per event-loop turn (as a real
// provider's tokens arrive one per TCP segment), or a small JSON answer when not streamed. Under
// /paced/ (e.g. /paced/v1/chat/completions) the deltas are P ms apart instead, at a provider's pace.
// The events are built once at start, so its own CPU per stream is mostly the writes.
import { createServer } from 'node:http';
import { CHAT_ANSWER, MESSAGES_ANSWER } from './bench-lib.mjs';

const [portArg, deltasArg, paceArg] = process.argv.slice(2);
const DELTAS = Number(deltasArg ?? 200);
const PACE_MS = Number(paceArg ?? 2);
const words = Array.from({ length: DELTAS }, (_, i) => (i % 7 === 0 ? ` token${i}` : [' the', ' quick', ' brown', ' fox', ' jumps', ' over'][i % 6]));
const usage = { prompt_tokens: 12, completion_tokens: DELTAS, total_tokens: 12 + DELTAS };

const chatChunk = (delta, finish = null, extra = {}) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1763900000, model: 'bench', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], ...extra })}\n\n`;
const chatStream = (withUsage) => [
  chatChunk({ role: 'assistant', content: '' }),
  ...words.map((w) => chatChunk({ content: w })),
  chatChunk({}, 'stop'),
  ...(withUsage
    ? [`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1763900000, model: 'bench', choices: [], usage })}\n\n`]
    : []),
  'data: [DONE]\n\n',
];
const sse = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const messagesStream = [
  sse('message_start', {
    message: {
      id: 'msg_bench',
      type: 'message',
      role: 'assistant',
      model: 'bench',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 1 },
    },
  }),
  sse('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  sse('ping', {}),
  ...words.map((w) => sse('content_block_delta', { index: 0, delta: { type: 'text_delta', text: w } })),
  sse('content_block_stop', { index: 0 }),
  sse('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: DELTAS } }),
  sse('message_stop', {}),
];
// OpenAI Responses, in the order and shapes the API streams a text answer.
const response = (status, extra = {}) => ({
  id: 'resp_bench',
  object: 'response',
  created_at: 1763900000,
  status,
  error: null,
  incomplete_details: null,
  model: 'bench',
  output: [],
  usage: null,
  ...extra,
});
const text = words.join('');
const item = (status, content) => ({ id: 'msg_bench', type: 'message', status, role: 'assistant', content });
const part = (t) => ({ type: 'output_text', text: t, annotations: [], logprobs: [] });
let seq = 0;
const rsse = (type, data) => sse(type, { sequence_number: seq++, ...data });
const responsesStream = [
  rsse('response.created', { response: response('in_progress') }),
  rsse('response.in_progress', { response: response('in_progress') }),
  rsse('response.output_item.added', { output_index: 0, item: item('in_progress', []) }),
  rsse('response.content_part.added', { item_id: 'msg_bench', output_index: 0, content_index: 0, part: part('') }),
  ...words.map((w) => rsse('response.output_text.delta', { item_id: 'msg_bench', output_index: 0, content_index: 0, delta: w, logprobs: [] })),
  rsse('response.output_text.done', { item_id: 'msg_bench', output_index: 0, content_index: 0, text, logprobs: [] }),
  rsse('response.content_part.done', { item_id: 'msg_bench', output_index: 0, content_index: 0, part: part(text) }),
  rsse('response.output_item.done', { output_index: 0, item: item('completed', [part(text)]) }),
  rsse('response.completed', {
    response: response('completed', {
      output: [item('completed', [part(text)])],
      usage: { input_tokens: 12, output_tokens: DELTAS, total_tokens: 12 + DELTAS },
    }),
  }),
];
const streams = { chat: chatStream(false), chatUsage: chatStream(true), messages: messagesStream, responses: responsesStream };

function writeStream(res, events, paced) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let i = 0;
  const next = () => {
    if (res.destroyed) return;
    if (i === events.length - 1) return res.end(events[i]);
    res.write(events[i]);
    i += 1;
    if (paced) setTimeout(next, PACE_MS);
    else setImmediate(next);
  };
  next();
}

createServer((req, res) => {
  if (req.method !== 'POST') return res.end('ok');
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    const body = Buffer.concat(parts).toString('utf8');
    const messages = req.url.endsWith('/messages');
    const responses = req.url.endsWith('/responses');
    if (!body.includes('"stream":true')) return res.writeHead(200, { 'content-type': 'application/json' }).end(messages ? MESSAGES_ANSWER : CHAT_ANSWER);
    const events = responses ? streams.responses : messages ? streams.messages : body.includes('"include_usage":true') ? streams.chatUsage : streams.chat;
    writeStream(res, events, req.url.startsWith('/paced/'));
  });
}).listen(Number(portArg ?? 0), '127.0.0.1');
