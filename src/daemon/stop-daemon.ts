/** Stops the daemon: control `stop` (it drains), then SIGTERM, then SIGKILL, then removes its files. */
import { sendControl } from './control-client.js';
import type { DaemonPaths } from './paths.js';
import { processAlive } from './pidfile.js';
import { cleanStale, probeDaemon } from './probe.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await sleep(50);
  }
  return !processAlive(pid);
}

/** Returns the stopped daemon's pid, or undefined when none was running (stale files are removed either way). */
export async function stopDaemon(paths: DaemonPaths): Promise<number | undefined> {
  const running = await probeDaemon(paths);
  if (!running) {
    await cleanStale(paths);
    return undefined;
  }
  await sendControl(paths.socket, { type: 'stop' }).catch(() => undefined);
  if (!(await waitForExit(running.pid, 15_000))) {
    process.kill(running.pid, 'SIGTERM');
    if (!(await waitForExit(running.pid, 5_000))) {
      process.kill(running.pid, 'SIGKILL');
      await waitForExit(running.pid, 2_000);
    }
  }
  await cleanStale(paths);
  return running.pid;
}
