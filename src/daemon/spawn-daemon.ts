/**
 * `llm-router start` without --foreground: spawn the serving process detached,
 * logging to ~/.llm-router/daemon.log (rotated past 5 MB), under an exclusive-create
 * start lock, and return once it answers a control ping and its port accepts requests.
 */
import { closeSync, openSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { RouterError } from '../errors/router-error.js';
import type { DaemonPaths } from './paths.js';
import { processAlive, type PidfileData } from './pidfile.js';
import { DAEMON_NODE_FLAGS } from './node-flags.js';
import { cleanStale, probeDaemon } from './probe.js';

const LOG_LIMIT = 5 * 1024 * 1024;
const START_TIMEOUT_MS = 15_000;

async function acquireStartLock(path: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(await readFile(path, 'utf8').catch(() => ''));
      const age = Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0);
      if (Number.isInteger(owner) && owner > 0 && processAlive(owner) && age < 60_000) {
        throw new RouterError('IO', `another "llm-router start" (pid ${owner}) is starting the daemon right now`);
      }
      await rm(path, { force: true });
    }
  }
  throw new RouterError('IO', `cannot take the start lock ${path}`);
}

/** GET /health over node:http: global fetch would load Node's bundled undici (~25 ms) in this short-lived process. */
function healthOk(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpGet({ host, port, path: '/health', timeout: 1_500, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

async function rotateLog(path: string): Promise<void> {
  const size = (await stat(path).catch(() => undefined))?.size ?? 0;
  if (size > LOG_LIMIT) await rename(path, `${path}.1`);
}

export async function spawnDaemon(paths: DaemonPaths, cliPath: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ data: PidfileData; alreadyRunning: boolean }> {
  const existing = await probeDaemon(paths);
  if (existing) return { data: existing, alreadyRunning: true };
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  const release = await acquireStartLock(paths.startLock);
  try {
    const again = await probeDaemon(paths);
    if (again) return { data: again, alreadyRunning: true };
    await cleanStale(paths);
    await rotateLog(paths.log);
    // The log's descriptor goes straight to the child (execa would pipe output through this
    // process, which must exit while the daemon lives on).
    const logFd = openSync(paths.log, 'a', 0o600);
    const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, cliPath, 'start', '--foreground', ...args], { detached: true, stdio: ['ignore', logFd, logFd], env });
    closeSync(logFd);
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    child.unref();
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const data = await probeDaemon(paths);
      if (data) {
        if (await healthOk(data.host, data.port)) return { data, alreadyRunning: false };
      }
      if (exited) break;
      await new Promise((r) => setTimeout(r, 15));
    }
    const tail = (await readFile(paths.log, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n');
    if (!exited) child.kill('SIGKILL');
    throw new RouterError('IO', `the daemon did not come up${exited ? ' (it exited)' : ` within ${START_TIMEOUT_MS / 1000} s`}; last lines of ${paths.log}:\n${tail}`);
  } finally {
    await release();
  }
}
