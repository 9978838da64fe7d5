/** The control channel: a unix socket (0600) speaking newline-delimited JSON, dispatched through a map of handlers. */
import { chmod, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { ping } from './handlers/ping.js';
import { reload } from './handlers/reload.js';
import { stats } from './handlers/stats.js';
import { status } from './handlers/status.js';
import { stop } from './handlers/stop.js';
import { checkSocketPath } from './paths.js';
import { controlRequestSchema, type ControlReply, type ControlReplyOf, type ControlRequest, type ControlType, type FeedMessage } from './protocol.js';
import type { DaemonRuntime } from './runtime.js';

/** One handler per request type, each returning exactly that type's reply. */
const HANDLERS: { [T in ControlType]: (rt: DaemonRuntime, request: Extract<ControlRequest, { type: T }>) => Promise<ControlReplyOf<T>> } = {
  ping,
  status,
  stats,
  reload,
  stop,
};

async function answer(rt: DaemonRuntime, line: string): Promise<ControlReply> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, error: 'request is not JSON' };
  }
  const parsed = controlRequestSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `unknown or malformed request: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const request: ControlRequest = parsed.data;
  try {
    return await (HANDLERS[request.type] as (rt: DaemonRuntime, r: ControlRequest) => Promise<ControlReply>)(rt, request);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

function isSubscription(line: string): boolean {
  try {
    return (JSON.parse(line) as { type?: unknown }).type === 'subscribe-requests';
  } catch {
    return false;
  }
}

/** Streams request records to one subscriber; a subscriber that stops reading loses records (counted), never the daemon's memory. */
function subscribe(rt: DaemonRuntime, socket: Socket): void {
  const send = (message: FeedMessage) => socket.write(`${JSON.stringify(message)}\n`);
  let dropped = 0;
  send({ type: 'subscribed', recent: rt.requests.recent() });
  const unsubscribe = rt.requests.subscribe((record) => {
    if (socket.writableLength > 1_048_576) {
      dropped += 1;
      return;
    }
    if (dropped > 0) {
      send({ type: 'dropped', count: dropped });
      dropped = 0;
    }
    send({ type: 'record', record });
  });
  socket.on('close', unsubscribe);
}

export async function startControlServer(path: string, rt: DaemonRuntime): Promise<Server> {
  checkSocketPath(path);
  await rm(path, { force: true }); // only reached after the liveness probe said no one answers here
  const server = createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.trim() === '') continue;
        if (isSubscription(line)) subscribe(rt, socket);
        else void answer(rt, line).then((reply) => socket.write(`${JSON.stringify(reply)}\n`));
      }
      if (buffer.length > 65_536) socket.destroy();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  await chmod(path, 0o600);
  return server;
}
