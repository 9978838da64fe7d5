/**
 * `llm-router start` without --foreground: spawn the serving process detached,
 * logging to ~/.llm-router/daemon.log (rotated past 5 MB), under an exclusive-create
 * start lock, and return once its control socket answers (it opens after the gateway
 * listens).
 */
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { RouterError } from '../errors/router-error.js';
import { ensureSocketDir, type DaemonPaths } from './paths.js';
import { tryLock } from './lock-file.js';
import type { PidfileData } from './pidfile.js';
import { DAEMON_NODE_FLAGS } from './node-flags.js';
import { cleanStale, probeDaemon } from './probe.js';

const LOG_LIMIT = 5 * 1024 * 1024;
const START_TIMEOUT_MS = 15_000;

/**
 * The spawner's lock: one `start` spawns, the others wait for its daemon and report it
 * (four `start`s at once all exit 0 with the same pid).
 */
async function acquireStartLock(paths: DaemonPaths, deadline: number): Promise<{ release: () => Promise<void> } | { running: PidfileData }> {
  while (Date.now() < deadline) {
    const lock = await tryLock(paths.startLock, 60_000);
    if (lock.held) return lock;
    const running = await probeDaemon(paths);
    if (running) return { running };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new RouterError('IO', `another "llm-router start" has held ${paths.startLock} for ${START_TIMEOUT_MS / 1000} s without a daemon coming up`);
}

async function rotateLog(path: string): Promise<void> {
  const size = (await stat(path).catch(() => undefined))?.size ?? 0;
  if (size > LOG_LIMIT) await rename(path, `${path}.1`);
}

export async function spawnDaemon(
  paths: DaemonPaths,
  cliPath: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ data: PidfileData; alreadyRunning: boolean }> {
  const existing = await probeDaemon(paths);
  if (existing) return { data: existing, alreadyRunning: true };
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  await ensureSocketDir(paths);
  const lock = await acquireStartLock(paths, Date.now() + START_TIMEOUT_MS);
  if ('running' in lock) return { data: lock.running, alreadyRunning: true };
  try {
    const again = await probeDaemon(paths);
    if (again) return { data: again, alreadyRunning: true };
    await cleanStale(paths);
    await rotateLog(paths.log);
    // The log's descriptor goes straight to the child (execa would pipe output through this
    // process, which must exit while the daemon lives on).
    const logFd = openSync(paths.log, 'a', 0o600);
    const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, cliPath, 'start', '--foreground', ...args], {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { ...env, LLM_ROUTER_DETACHED: '1' },
    });
    closeSync(logFd);
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    child.unref();
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      // Ready = the control socket answers: it opens only once the gateway is listening
      // (an HTTP probe would be refused by LLM_ROUTER_ALLOWED_IPS or a Host allowlist).
      const data = await probeDaemon(paths);
      if (data) return { data, alreadyRunning: false };
      if (exited) break;
      await new Promise((r) => setTimeout(r, 15));
    }
    const tail = (await readFile(paths.log, 'utf8').catch(() => '')).trim().split('\n').slice(-5).map(readableLogLine).join('\n');
    if (!exited) child.kill('SIGKILL');
    throw new RouterError(
      'IO',
      `the daemon did not come up${exited ? ' (it exited)' : ` within ${START_TIMEOUT_MS / 1000} s`}; last lines of ${paths.log}:\n${tail}`,
    );
  } finally {
    await lock.release();
  }
}

/** A daemon.log JSON line as "level: message" for a person; other lines as they are. */
function readableLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: unknown };
    if (typeof entry.msg !== 'string') return line;
    const level = (entry.level ?? 30) >= 50 ? 'error' : (entry.level ?? 30) >= 40 ? 'warn' : 'info';
    return `  ${level}: ${entry.msg}`;
  } catch {
    return line;
  }
}
