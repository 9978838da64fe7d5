/** Is a daemon serving? Liveness = the pidfile's pid is alive AND its control socket answers a ping. */
import { rm } from 'node:fs/promises';
import { sendControl } from './control-client.js';
import type { DaemonPaths } from './paths.js';
import { processAlive, readPidfile, type PidfileData } from './pidfile.js';

export async function probeDaemon(paths: DaemonPaths): Promise<PidfileData | undefined> {
  const data = await readPidfile(paths.pidfile);
  if (!data || !processAlive(data.pid)) return undefined;
  try {
    const reply = await sendControl(paths.socket, { type: 'ping' }, 1_500);
    return reply.ok && reply.pid === data.pid ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Removes a pidfile and socket left by a daemon that is gone (call only after probeDaemon said no). */
export async function cleanStale(paths: DaemonPaths): Promise<void> {
  await rm(paths.pidfile, { force: true });
  await rm(paths.socket, { force: true });
}
