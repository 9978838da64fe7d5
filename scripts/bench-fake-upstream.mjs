#!/usr/bin/env node
// A minimal, fast OpenAI- and Anthropic-format upstream for load benchmarks (loopback only).
import { createServer } from 'node:http';
import { CHAT_ANSWER, MESSAGES_ANSWER } from './bench-lib.mjs';

const port = Number(process.argv[2] ?? 0);
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
    if (req.url.endsWith('/messages')) res.writeHead(200, { 'content-type': 'application/json' }).end(MESSAGES_ANSWER);
    else if (isStream) res.writeHead(200, { 'content-type': 'text/event-stream' }).end(stream);
    else res.writeHead(200, { 'content-type': 'application/json' }).end(CHAT_ANSWER);
  });
}).listen(port, '127.0.0.1', () => console.log('ready'));
