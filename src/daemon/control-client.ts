/** One request over the control socket, one reply back, with a timeout. */
import { connect } from 'node:net';
import type { ControlReplyOf, ControlRequest } from './protocol.js';

/** Sends one request; the reply's type follows the request's (`sendControl(p, {type:'status'})` gives a status reply). */
export function sendControl<R extends ControlRequest>(path: string, request: R, timeoutMs = 2_000): Promise<ControlReplyOf<R['type']>> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer on ${path} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if (nl === -1) return;
      clearTimeout(timer);
      socket.end();
      try {
        resolve(JSON.parse(buffer.slice(0, nl)) as ControlReplyOf<R['type']>);
      } catch (err) {
        reject(err as Error);
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
