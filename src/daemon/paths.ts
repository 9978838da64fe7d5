/**
 * Runtime files of the daemon, all under ~/.llm-router/ (mode 0700) — except the control
 * socket when that path would exceed the unix-socket limit (a long HOME): then it lives in
 * a short per-user directory, `$XDG_RUNTIME_DIR/llm-router/` or `/tmp/llm-router-<uid>/`
 * (0700, checked to be ours), named after a hash of the runtime directory so two HOMEs
 * never share one.
 */
import { createHash } from 'node:crypto';
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
  /** Held by the serving process for as long as it serves. */
  serveLock: string;
  state: string;
  /** The request log (JSON lines, no content or secrets), rotated to `requests.jsonl.1`. */
  requests: string;
  /** The short directory the socket falls back to, when it does (created and checked by `ensureSocketDir`). */
  socketDir?: string;
}

/** Where the socket goes when `<runtime dir>/daemon.sock` is too long. */
export function fallbackSocket(dir: string, env: NodeJS.ProcessEnv): { dir: string; socket: string } {
  const hash = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  const xdg = env.XDG_RUNTIME_DIR;
  const base =
    xdg && xdg.startsWith('/') && Buffer.byteLength(join(xdg, 'llm-router', `${hash}.sock`)) <= MAX_SOCKET_PATH
      ? join(xdg, 'llm-router')
      : join('/tmp', `llm-router-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
  return { dir: base, socket: join(base, `${hash}.sock`) };
}

export function daemonPaths(env: NodeJS.ProcessEnv): DaemonPaths {
  const dir = runtimeDir(env);
  const socket = join(dir, 'daemon.sock');
  const short = Buffer.byteLength(socket) > MAX_SOCKET_PATH ? fallbackSocket(dir, env) : undefined;
  return {
    dir,
    pidfile: join(dir, 'daemon.pid'),
    socket: short?.socket ?? socket,
    log: join(dir, 'daemon.log'),
    startLock: join(dir, 'daemon.start.lock'),
    serveLock: join(dir, 'daemon.lock'),
    state: join(dir, 'state.json'),
    requests: join(dir, 'requests.jsonl'),
    ...(short ? { socketDir: short.dir } : {}),
  };
}

export function checkSocketPath(path: string): void {
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new RouterError(
      'IO',
      `control socket path ${path} is ${Buffer.byteLength(path)} bytes; unix sockets allow at most ${MAX_SOCKET_PATH}. Set XDG_RUNTIME_DIR to a short directory.`,
    );
  }
}

/** Creates the fallback socket directory (0700) and refuses one that another user owns or others can write. */
export async function ensureSocketDir(paths: DaemonPaths): Promise<void> {
  if (!paths.socketDir) return;
  const { lstat, mkdir } = await import('node:fs/promises');
  await mkdir(paths.socketDir, { recursive: true, mode: 0o700 });
  const info = await lstat(paths.socketDir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : info.uid;
  if (!info.isDirectory() || info.uid !== uid || (info.mode & 0o077) !== 0) {
    throw new RouterError(
      'IO',
      `the control socket directory ${paths.socketDir} is not a private directory of this user (it must be owned by uid ${uid} with mode 0700); remove it or set XDG_RUNTIME_DIR`,
    );
  }
}
