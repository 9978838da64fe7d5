// The floor proxies' one piece of work (bench-floor-proxy.mjs bare, bench-floor-fastify.mjs on
// Fastify): the JSON body parsed, the model rewritten, and the request sent upstream with undici
// on a keep-alive agent. Returns undici's response (status, headers, body).
import { Agent, request } from 'undici';

const agent = new Agent({ keepAliveTimeout: 30_000 });

export async function forward(upstream, url, bytes) {
  const body = JSON.parse(bytes.toString('utf8'));
  body.model = 'bench';
  const up = await request(`${upstream}${url}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    dispatcher: agent,
  });
  return { status: up.statusCode, type: up.headers['content-type'] ?? 'application/json', body: up.body };
}
