#!/usr/bin/env node
// What the request log costs: two detached daemons with the same config in front of the
// same fake upstream, one writing requests.jsonl and one with LLM_ROUTER_REQUEST_LOG=off,
// measured in turns in one run (autocannon, non-streamed and streamed). Prints figures only.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { cpuMicros } from './bench-lib.mjs';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ports = { upstream: 19301, on: 19302, off: 19303 };
const homes = [];
const stops = [];
const upstream = spawn(process.execPath, ['scripts/bench-fake-upstream.mjs', String(ports.upstream)], { stdio: 'ignore' });

function daemon(label, port, env) {
  const home = mkdtempSync(join(tmpdir(), `llm-router-bench-log-${label}-`));
  homes.push(home);
  const config = {
    version: 2,
    providers: [
      {
        id: 'fake',
        baseUrl: `http://127.0.0.1:${ports.upstream}/v1`,
        apiKey: 'sk-bench',
        format: 'openai',
        models: [{ id: 'bench', pricing: { input: 3, output: 15 } }],
      },
    ],
  };
  writeFileSync(join(home, '.llm-router.json'), JSON.stringify(config), { mode: 0o600 });
  const routerEnv = { ...process.env, HOME: home, LLM_ROUTER_LOG_LEVEL: 'error', ...env };
  execFileSync(process.execPath, ['dist/llm-router.js', 'start', `--port=${port}`], { env: routerEnv, stdio: 'ignore' });
  stops.push(() => execFileSync(process.execPath, ['dist/llm-router.js', 'stop'], { env: routerEnv, stdio: 'ignore' }));
  return { home, pid: JSON.parse(readFileSync(join(home, '.llm-router', 'daemon.pid'), 'utf8')).pid };
}

const cannon = (port, body, duration) =>
  new Promise((resolve, reject) => {
    const url = `http://127.0.0.1:${port}/openai/v1/chat/completions`;
    autocannon({ url, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: CONNECTIONS, duration }, (err, r) =>
      err ? reject(err) : resolve({ rate: r.requests.average, total: r.requests.total }),
    );
  });

try {
  await new Promise((r) => setTimeout(r, 300));
  const logged = daemon('on', ports.on, process.env.BENCH_AA ? { LLM_ROUTER_REQUEST_LOG: 'off' } : {});
  // BENCH_AA=1 runs both without the log: the noise floor of this comparison.
  const pids = { on: logged.pid, off: daemon('off', ports.off, { LLM_ROUTER_REQUEST_LOG: 'off' }).pid };
  console.log(`\nRequest log cost (${CONNECTIONS} connections, ${SECONDS} s x ${ROUNDS} rounds each, alternating)`);
  for (const [title, stream] of [
    ['non-streamed', false],
    ['streamed (include_usage)', true],
  ]) {
    const body = JSON.stringify({
      model: 'fake/bench',
      stream,
      stream_options: stream ? { include_usage: true } : undefined,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const sums = { on: 0, off: 0 };
    const cpu = { on: 0, off: 0 };
    const done = { on: 0, off: 0 };
    for (const name of ['on', 'off']) await cannon(ports[name], body, 1);
    for (let round = 0; round < ROUNDS; round += 1)
      for (const name of round % 2 ? ['off', 'on'] : ['on', 'off']) {
        const before = cpuMicros(pids[name]);
        const r = await cannon(ports[name], body, SECONDS);
        cpu[name] += cpuMicros(pids[name]) - before;
        done[name] += r.total;
        sums[name] += r.rate;
      }
    const on = sums.on / ROUNDS;
    const off = sums.off / ROUNDS;
    const perOn = cpu.on / done.on;
    const perOff = cpu.off / done.off;
    console.log(
      `  ${title.padEnd(26)} log off ${Math.round(off).toLocaleString('en-US').padStart(6)} req/s, ${perOff.toFixed(0)} µs CPU/req  ` +
        `log on ${Math.round(on).toLocaleString('en-US').padStart(6)} req/s, ${perOn.toFixed(0)} µs CPU/req  ` +
        `(throughput ${(((off - on) / off) * 100).toFixed(1)}% lower, CPU ${(((perOn - perOff) / perOff) * 100).toFixed(1)}% more)`,
    );
  }
  const lines = process.env.BENCH_AA ? 0 : readFileSync(join(logged.home, '.llm-router', 'requests.jsonl'), 'utf8').split('\n').length - 1;
  console.log(`  lines written by the logging daemon: ${lines.toLocaleString('en-US')}`);
} finally {
  for (const stop of stops) {
    try {
      stop();
    } catch {
      // already stopped
    }
  }
  upstream.kill('SIGKILL');
  for (const home of homes) rmSync(home, { recursive: true, force: true });
}
