#!/usr/bin/env node
// The floor for a Node proxy hop on this machine: node:http in, undici out, keep-alive,
// JSON body parsed and the model rewritten, the response buffered and sent (or piped
// through untouched when it is an event stream). No routing, no auth, no checks. bench-gateway puts its sequential latency beside llm-router's so
// the "added latency" figure can be read against what any Node gateway pays for the hop.
import { createServer } from 'node:http';
import { Agent, request } from 'undici';

const [port, upstream] = process.argv.slice(2);
const agent = new Agent({ keepAliveTimeout: 30_000 });
createServer(async (req, res) => {
  if (req.method !== 'POST') return res.end('ok');
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  body.model = 'bench';
  const up = await request(`${upstream}${req.url}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    dispatcher: agent,
  });
  const type = up.headers['content-type'] ?? 'application/json';
  res.writeHead(up.statusCode, { 'content-type': type });
  if (type.startsWith('text/event-stream')) return up.body.pipe(res);
  res.end(await up.body.text());
}).listen(Number(port), '127.0.0.1');
