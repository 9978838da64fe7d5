#!/usr/bin/env node
// `npm run bench`: wall time of whole CLI invocations (process start included), in a
// temporary HOME, against the targets from issue #2. Prints figures; never fails a build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const home = mkdtempSync(join(tmpdir(), 'llm-router-bench-'));
const env = { ...process.env, HOME: home, NO_COLOR: '1' };
const bin = 'dist/llm-router.js';

function cli(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`llm-router ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

function measure(label, args, target) {
  const argv = () => (typeof args === 'function' ? args() : args);
  cli(argv()); // warm the file-system cache
  const times = Array.from({ length: RUNS }, () => cli(argv())).sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const verdict = pct(50) <= target ? 'ok' : 'OVER TARGET';
  console.log(
    `${label.padEnd(34)} median ${pct(50).toFixed(1).padStart(6)} ms  mean ${mean.toFixed(1).padStart(6)} ms  p95 ${pct(95).toFixed(1).padStart(6)} ms  min ${times[0].toFixed(1).padStart(6)} ms  target < ${target} ms  ${verdict}`,
  );
}

function node() {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

try {
  cli([
    'config',
    '--operation=upsert-provider',
    '--provider-id=bench',
    '--base-url=https://bench.test/v1',
    '--api-key=sk-bench-0123456789',
    '--models=a,b,c',
    '--format=openai',
  ]);
  const baseline = Array.from({ length: RUNS }, node).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  console.log(`CLI wall time, ${RUNS} runs each (node ${process.version}; bare \`node -e 0\` median ${baseline.toFixed(1)} ms)`);
  measure('llm-router --version', ['--version'], 150);
  measure('config --operation=list', ['config', '--operation=list'], 300);
  let n = 0;
  measure(
    'config --operation=upsert-model-alias',
    () => ['config', '--operation=upsert-model-alias', `--alias-id=a${n++}`, '--targets=bench/a@2,bench/b'],
    300,
  );
} finally {
  rmSync(home, { recursive: true, force: true });
}
