#!/usr/bin/env node
// The floor for a Fastify hop: bench-floor-proxy.mjs's work (JSON body parsed, the model
// rewritten, undici out, the answer buffered or an event stream piped) inside Fastify set up
// as the gateway's adapter is (every content type collected as a Buffer, one onRequest hook
// with a 'close' listener, one wildcard route, no logger). bench-stream puts it beside the
// bare floor: the difference is what the framework itself costs per request, so the rest of
// the gateway's distance to the bare floor is its own work.
import Fastify from 'fastify';
import { forward } from './bench-floor-forward.mjs';

const [port, upstream] = process.argv.slice(2);
const app = Fastify({ logger: false, return503OnClosing: false });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, raw, done) => done(null, raw));
app.addHook('onRequest', (_request, reply, done) => {
  reply.raw.once('close', () => undefined);
  done();
});
app.route({
  method: ['GET', 'POST'],
  url: '*',
  handler: async (req, reply) => {
    if (req.method !== 'POST') return 'ok';
    const up = await forward(upstream, req.url, req.body);
    void reply.code(up.status).header('content-type', up.type);
    if (up.type.startsWith('text/event-stream')) return reply.send(up.body);
    return reply.send(await up.body.text());
  },
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
