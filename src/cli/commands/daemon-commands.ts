/** `status` (exit 3 when not running), `stop` (control stop, then SIGTERM, then SIGKILL), `reload`. */
import { RouterError } from '../../errors/router-error.js';
import type { RawFlags } from '../../config/operations/flags-to-input.js';
import { createDaemonClient } from '../../daemon/daemon-client.js';
import { writeLines, type Io } from '../io.js';
import { missingKeyWarning } from '../../daemon/log-line.js';
import type { StatusReply } from '../../daemon/protocol.js';

export const NOT_RUNNING = 3;
const clientFor = (io: Io) => createDaemonClient({ env: io.env, cliPath: process.argv[1] ?? '', configPath: '' });

export async function runStatusCommand(flags: RawFlags, io: Io): Promise<number> {
  const status = await clientFor(io).status();
  if (!status) {
    if (flags.json === true) io.stdout.write(`${JSON.stringify({ running: false }, null, 2)}\n`);
    else writeLines(io.stdout, ['llm-router is not running. Start it with: llm-router start']);
    return NOT_RUNNING;
  }
  if (flags.json === true) {
    io.stdout.write(`${JSON.stringify({ running: true, ...status }, null, 2)}\n`);
    return 0;
  }
  const reload = status.lastReload
    ? `${status.lastReload.ok ? 'applied' : `REFUSED: ${status.lastReload.error ?? ''}`} at ${status.lastReload.at}`
    : 'none yet';
  writeLines(io.stdout, [
    `llm-router ${status.version} is running (pid ${status.pid}) on http://${status.host}:${status.port}, up ${status.uptimeSeconds} s`,
    `  Config: ${status.configPath}; last reload: ${reload}`,
    ...(status.startupService ? ['  Run by the login service (config --operation=startup-status); `llm-router stop` stops it until the next login.'] : []),
    `  Routing state: ${stateLine(status.state)}`,
    ...Object.entries(status.counters).map(([provider, c]) => `  ${provider}: ${c.requests} requests, ${c.errors} errors`),
  ]);
  for (const missing of status.missingKeyEnv) writeLines(io.stderr, [`warning: ${missingKeyWarning(missing)}`]);
  return 0;
}

export async function runStopCommand(_flags: RawFlags, io: Io): Promise<number> {
  const pid = await clientFor(io).stop();
  writeLines(io.stdout, [pid === undefined ? 'llm-router is not running.' : `llm-router stopped (pid ${pid}).`]);
  return 0;
}

export async function runReloadCommand(_flags: RawFlags, io: Io): Promise<number> {
  const result = await clientFor(io).reload();
  if (!result) {
    writeLines(io.stderr, ['llm-router is not running; nothing to reload.']);
    return NOT_RUNNING;
  }
  if (!result.ok) throw new RouterError('CONFIG_INVALID', `config refused; the previous config keeps serving: ${result.error ?? ''}`);
  writeLines(io.stdout, [`Config reloaded at ${result.at}.`]);
  return 0;
}

function stateLine(state: StatusReply['state'] | undefined): string {
  if (!state) return 'unknown (older daemon)';
  if (state.backend === 'file') return `file ${state.path}`;
  const where = `Redis ${state.url} (namespace ${state.namespace}, fail-${state.failMode})`;
  return state.connected ? `${where}, connected` : `${where}, UNAVAILABLE since ${state.downSince ?? '?'} (${state.lastError ?? ''}): serving on local state`;
}
