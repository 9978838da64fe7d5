/** Runtime files of the daemon, all under ~/.llm-router/ (mode 0700). */
import { join } from 'node:path';
import { RouterError } from '../errors/router-error.js';
import { runtimeDir } from '../config/paths.js';

/** Unix socket paths are limited to ~104 bytes (macOS) / 108 (Linux), terminator included. */
export const MAX_SOCKET_PATH = 103;

export interface DaemonPaths {
  dir: string;
  pidfile: string;
  socket: string;
  log: string;
  startLock: string;
  state: string;
}

export function daemonPaths(env: NodeJS.ProcessEnv): DaemonPaths {
  const dir = runtimeDir(env);
  return {
    dir,
    pidfile: join(dir, 'daemon.pid'),
    socket: join(dir, 'daemon.sock'),
    log: join(dir, 'daemon.log'),
    startLock: join(dir, 'daemon.start.lock'),
    state: join(dir, 'state.json'),
  };
}

export function checkSocketPath(path: string): void {
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new RouterError('IO', `control socket path ${path} is ${Buffer.byteLength(path)} bytes; unix sockets allow at most ${MAX_SOCKET_PATH}. Use a shorter HOME.`);
  }
}
