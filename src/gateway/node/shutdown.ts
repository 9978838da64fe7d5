/**
 * Graceful shutdown: stop accepting, let in-flight requests finish (up to a deadline),
 * and close every other socket at once — including keep-alive sockets a client opened
 * but never sent a request on, which Node's closeIdleConnections() leaves open until
 * the headers timeout.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

const trackers = new WeakMap<Server, { inFlight: Map<Socket, number>; closing: boolean }>();

export function trackConnections(server: Server): void {
  const state = { inFlight: new Map<Socket, number>(), closing: false };
  trackers.set(server, state);
  server.on('connection', (socket: Socket) => {
    state.inFlight.set(socket, 0);
    socket.on('close', () => state.inFlight.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    state.inFlight.set(socket, (state.inFlight.get(socket) ?? 0) + 1);
    res.on('close', () => {
      const left = (state.inFlight.get(socket) ?? 1) - 1;
      state.inFlight.set(socket, left);
      if (state.closing && left === 0) socket.destroy();
    });
  });
}

export async function shutdownGateway(app: FastifyInstance, drainMs = 10_000): Promise<void> {
  const state = trackers.get(app.server);
  const closed = app.close();
  if (state) {
    state.closing = true;
    for (const [socket, n] of state.inFlight) if (n === 0) socket.destroy();
  }
  const deadline = setTimeout(() => app.server.closeAllConnections(), drainMs);
  try {
    await closed;
  } finally {
    clearTimeout(deadline);
  }
}
