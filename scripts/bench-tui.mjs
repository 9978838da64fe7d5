// `npm run bench` (TUI part): time from launching bare `llm-router` in a real terminal
// (tmux, 80x24) until the home screen has painted. Needs tmux; skipped with a note otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../dist/llm-router.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
if (spawnSync('tmux', ['-V']).status !== 0) {
  console.log('TUI first paint: skipped (tmux is not installed)');
  process.exit(0);
}
const socket = `llr-bench-${process.pid}`;
const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const times = [];
const inProcess = [];
const paintFile = join(tmpdir(), `llm-router-bench-paint-${process.pid}`);
const nap = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
try {
  for (let i = 0; i < RUNS; i += 1) {
    const home = mkdtempSync(join(tmpdir(), 'llm-router-bench-tui-'));
    const session = `s${i}`;
    const started = performance.now();
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `HOME='${home}' LLM_ROUTER_TUI_PAINT_FILE='${paintFile}' '${process.execPath}' '${BIN}'`);
    // Even runs watch the screen (polling costs CPU the UI competes for on small machines);
    // odd runs leave the machine alone and only read the time the UI itself recorded.
    for (;;) {
      if (i % 2 === 1) {
        nap(1500);
        break;
      }
      if (tmux('capture-pane', '-p', '-t', session).includes('llm-router › Home')) break;
      if (performance.now() - started > 10_000) throw new Error('the TUI did not paint within 10 s');
      nap(15);
    }
    if (i % 2 === 0) times.push(performance.now() - started);
    nap(200);
    tmux('send-keys', '-t', session, 'q');
    tmux('kill-session', '-t', session);
    rmSync(home, { recursive: true, force: true });
  }
  inProcess.push(
    ...readFileSync(paintFile, 'utf8')
      .trim()
      .split('\n')
      .map(Number)
      .filter((_, i) => i % 2 === 1),
  );
} finally {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  rmSync(paintFile, { force: true });
}
inProcess.sort((a, b) => a - b);
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const inMedian = inProcess[Math.floor(inProcess.length / 2)];
console.log(`TUI first paint, ${RUNS} runs in tmux 80x24:`);
console.log(
  `  process start -> first frame written   median ${inMedian.toFixed(0)} ms (min ${inProcess[0].toFixed(0)}, max ${inProcess.at(-1).toFixed(0)})  target < 500 ms  ${inMedian < 500 ? 'ok' : 'OVER TARGET'}`,
);
console.log(
  `  tmux launch -> frame seen on screen    median ${median.toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)})  (adds tmux session and shell start-up, and the screen polling)`,
);
