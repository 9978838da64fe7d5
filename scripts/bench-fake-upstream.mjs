#!/usr/bin/env node
// A minimal, fast OpenAI- and Anthropic-format upstream for load benchmarks (loopback only).
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);
const openai = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1763900000,
  model: 'bench',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the bench upstream.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
});
const anthropic = JSON.stringify({
  id: 'msg_bench',
  type: 'message',
  role: 'assistant',
  model: 'bench',
  content: [{ type: 'text', text: 'Hello from the bench upstream.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 8 },
});
const chunk = (content, finish = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1763900000, model: 'bench', choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }] })}\n\n`;
const stream = chunk('') + ['Hello', ' from', ' the', ' bench', ' upstream.'].map((t) => chunk(t)).join('') + chunk(null, 'stop') + 'data: [DONE]\n\n';

createServer((req, res) => {
  let size = 0;
  const parts = [];
  req.on('data', (c) => {
    size += c.length;
    parts.push(c);
  });
  req.on('end', () => {
    const isStream = size > 0 && Buffer.concat(parts).includes('"stream":true');
    if (req.url.endsWith('/messages')) res.writeHead(200, { 'content-type': 'application/json' }).end(anthropic);
    else if (isStream) res.writeHead(200, { 'content-type': 'text/event-stream' }).end(stream);
    else res.writeHead(200, { 'content-type': 'application/json' }).end(openai);
  });
}).listen(port, '127.0.0.1', () => console.log('ready'));
