/** `status` (exit 3 when not running), `stop` (control stop, then SIGTERM, then SIGKILL), `reload`. */
import { RouterError } from '../../errors/router-error.js';
import type { RawFlags } from '../../config/operations/flags-to-input.js';
import { sendControl } from '../../daemon/control-client.js';
import { daemonPaths } from '../../daemon/paths.js';
import { probeDaemon } from '../../daemon/probe.js';
import { stopDaemon } from '../../daemon/stop-daemon.js';
import type { ReloadResult, StatusReply } from '../../daemon/protocol.js';
import { writeLines, type Io } from '../io.js';
import { missingKeyWarning } from '../../daemon/log-line.js';

export const NOT_RUNNING = 3;
export async function runStatusCommand(flags: RawFlags, io: Io): Promise<number> {
  const paths = daemonPaths(io.env);
  const running = await probeDaemon(paths);
  if (!running) {
    if (flags.json === true) io.stdout.write(`${JSON.stringify({ running: false }, null, 2)}\n`);
    else writeLines(io.stdout, ['llm-router is not running. Start it with: llm-router start']);
    return NOT_RUNNING;
  }
  const reply = await sendControl(paths.socket, { type: 'status' });
  if (!reply.ok) throw new RouterError('IO', `the daemon did not report its status: ${reply.error}`);
  const status = reply as unknown as StatusReply;
  if (flags.json === true) {
    const { ok: _ok, type: _type, ...rest } = reply;
    io.stdout.write(`${JSON.stringify({ running: true, ...rest }, null, 2)}\n`);
    return 0;
  }
  const reload = status.lastReload ? `${status.lastReload.ok ? 'applied' : `REFUSED: ${status.lastReload.error ?? ''}`} at ${status.lastReload.at}` : 'none yet';
  writeLines(io.stdout, [
    `llm-router ${status.version} is running (pid ${status.pid}) on http://${status.host}:${status.port}, up ${status.uptimeSeconds} s`,
    `  Config: ${status.configPath}; last reload: ${reload}`,
    ...(status.startupService ? ['  Run by the login service (config --operation=startup-status); `llm-router stop` stops it until the next login.'] : []),
    ...Object.entries(status.counters).map(([provider, c]) => `  ${provider}: ${c.requests} requests, ${c.errors} errors`),
  ]);
  for (const missing of status.missingKeyEnv ?? []) writeLines(io.stderr, [`warning: ${missingKeyWarning(missing)}`]);
  return 0;
}

export async function runStopCommand(_flags: RawFlags, io: Io): Promise<number> {
  const pid = await stopDaemon(daemonPaths(io.env));
  writeLines(io.stdout, [pid === undefined ? 'llm-router is not running.' : `llm-router stopped (pid ${pid}).`]);
  return 0;
}

export async function runReloadCommand(_flags: RawFlags, io: Io): Promise<number> {
  const paths = daemonPaths(io.env);
  if (!(await probeDaemon(paths))) {
    writeLines(io.stderr, ['llm-router is not running; nothing to reload.']);
    return NOT_RUNNING;
  }
  const reply = await sendControl(paths.socket, { type: 'reload' }, 10_000);
  if (!reply.ok) throw new RouterError('IO', `reload failed: ${reply.error}`);
  const result = reply.result as ReloadResult;
  if (!result.ok) throw new RouterError('CONFIG_INVALID', `config refused; the previous config keeps serving: ${result.error ?? ''}`);
  writeLines(io.stdout, [`Config reloaded at ${result.at}.`]);
  return 0;
}
