#!/usr/bin/env node
// The floor for a Node proxy hop on this machine: node:http in, undici out, keep-alive,
// JSON body parsed and the model rewritten, the response buffered and sent (or piped
// through untouched when it is an event stream). No routing, no auth, no checks. bench-gateway puts its sequential latency beside llm-router's so
// the "added latency" figure can be read against what any Node gateway pays for the hop.
import { createServer } from 'node:http';
import { forward } from './bench-floor-forward.mjs';

const [port, upstream] = process.argv.slice(2);
createServer(async (req, res) => {
  if (req.method !== 'POST') return res.end('ok');
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const up = await forward(upstream, req.url, Buffer.concat(chunks));
  res.writeHead(up.status, { 'content-type': up.type });
  if (up.type.startsWith('text/event-stream')) return up.body.pipe(res);
  res.end(await up.body.text());
}).listen(Number(port), '127.0.0.1');
