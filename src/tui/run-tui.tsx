/**
 * Opens the full-screen UI on the alternate screen and always restores the terminal: on
 * quit, on Ctrl+C, on SIGTERM/SIGHUP, and on a crash.
 */
import { writeFileSync } from 'node:fs';
import { render } from 'ink';
import { createDaemonClient } from '../daemon/daemon-client.js';
import { App } from './App.js';
import { openPrefs } from './prefs-store.js';

const ENTER_ALT = '\u001b[?1049h\u001b[H';
const LEAVE_ALT = '\u001b[?25h\u001b[?1049l';

export interface RunTuiOptions {
  configPath: string;
  env: NodeJS.ProcessEnv;
  cliPath: string;
  color: boolean;
}

export async function runTui(options: RunTuiOptions): Promise<number> {
  const stdout = process.stdout;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT);
  };
  stdout.write(ENTER_ALT);
  process.once('exit', restore);
  const services = {
    configPath: options.configPath,
    env: options.env,
    daemon: createDaemonClient({ env: options.env, cliPath: options.cliPath, configPath: options.configPath }),
    prefs: openPrefs(),
    pollMs: 1000,
    color: options.color,
    // The one place the TUI reaches the real deploy code (loaded only when the Deploy screen opens).
    deployApi: () => import('../deploy/index.js').then((m) => m.deployApi),
  };
  // For the benchmark: how long after process start the first frame was written.
  const paintFile = options.env.LLM_ROUTER_TUI_PAINT_FILE;
  let painted = false;
  const onRender = () => {
    if (painted || !paintFile) return;
    painted = true;
    writeFileSync(paintFile, `${performance.now().toFixed(1)}\n`, { flag: 'a' });
  };
  const instance = render(<App services={services} />, { exitOnCtrlC: true, patchConsole: true, onRender });
  const onSignal = (signal: NodeJS.Signals) => {
    instance.unmount();
    restore();
    process.exit(signal === 'SIGTERM' ? 143 : 129);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    restore();
  }
  return 0;
}
