// `npm run bench` (daemon part): wall time of `llm-router start` until it returns healthy,
// time from a config write until the daemon serves the change, and the daemon's idle RSS.
// Each run uses a fresh temporary HOME and a free port; every daemon is stopped at the end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../dist/llm-router.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function cli(home, args) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, HOME: home, NO_COLOR: '1' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`llm-router ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

const config = (models) => ({
  version: 2,
  providers: [
    { id: 'bench', name: 'Bench', baseUrl: 'http://127.0.0.1:9/v1', format: 'openai', apiKey: 'sk-bench-0123456789', models: models.map((id) => ({ id })) },
  ],
});

function writeConfig(home, value) {
  const path = join(home, '.llm-router.json');
  writeFileSync(`${path}.tmp`, JSON.stringify(value, null, 2), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

const startTimes = [];
const applyTimes = [];
const rss = [];
for (let i = 0; i < RUNS; i += 1) {
  const home = mkdtempSync(join(tmpdir(), 'llm-router-bench-daemon-'));
  try {
    writeConfig(home, config(['a']));
    const port = await freePort();
    const t0 = performance.now();
    cli(home, ['start', `--port=${port}`]);
    startTimes.push(performance.now() - t0);
    const status = JSON.parse(cli(home, ['status', '--json']));
    await new Promise((r) => setTimeout(r, 1500));
    if (process.platform === 'linux') rss.push(rssMb(status.pid));
    const t1 = performance.now();
    writeConfig(home, config(['a', `new-${i}`]));
    for (;;) {
      const body = await (await fetch(`http://127.0.0.1:${port}/v1/models`)).text();
      if (body.includes(`bench/new-${i}`)) break;
      if (performance.now() - t1 > 5000) throw new Error('config change not applied within 5 s');
      await new Promise((r) => setTimeout(r, 2));
    }
    applyTimes.push(performance.now() - t1);
    cli(home, ['stop']);
  } finally {
    spawnSync(process.execPath, [BIN, 'stop'], { env: { ...process.env, HOME: home } });
    rmSync(home, { recursive: true, force: true });
  }
}
console.log(`Daemon, ${RUNS} runs (node ${process.version})`);
console.log(`  start -> healthy (whole CLI call)   ${fmt(startTimes)}  target < 1000 ms  ${median(startTimes) < 1000 ? 'ok' : 'OVER TARGET'}`);
console.log(`  config write -> applied             ${fmt(applyTimes)}  target < 300 ms  ${median(applyTimes) < 300 ? 'ok' : 'OVER TARGET'}`);
if (rss.length)
  console.log(
    `  idle RSS                            median ${median(rss).toFixed(1)} MB (max ${Math.max(...rss).toFixed(1)})  target < 80 MB  ${median(rss) < 80 ? 'ok' : 'OVER TARGET'}`,
  );
