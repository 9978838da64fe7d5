#!/usr/bin/env node
// Load benchmark on loopback: the fake upstream direct, llm-router (passthrough and
// translated) and @portkey-ai/gateway in front of the same upstream, at fixed concurrency
// (autocannon), plus sequential added latency and llm-router's RSS. Prints figures only.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { request, Agent } from 'undici';
import { percentiles, statusKb as rssKb, waitForHttp as waitFor } from './bench-lib.mjs';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 1000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const ports = { upstream: 19101, router: 19102, portkey: 19103, floor: 19104 };
const home = mkdtempSync(join(tmpdir(), 'llm-router-bench-gw-'));
const children = [];
let stopRouter = () => {};

function start(label, args, env = {}) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stderr.on('data', () => {});
  child.stdout.on('data', () => {});
  child.on('exit', (code) => code && code !== 0 && code !== null && console.error(`${label} exited with ${code}`));
  return child;
}

const chatBody = (model) => JSON.stringify({ model, messages: [{ role: 'user', content: 'Say hello.' }], max_tokens: 32 });
const messagesBody = JSON.stringify({ model: 'fake/bench', max_tokens: 32, messages: [{ role: 'user', content: 'Say hello.' }] });
const portkeyHeaders = {
  'content-type': 'application/json',
  authorization: 'Bearer sk-bench',
  'x-portkey-provider': 'openai',
  'x-portkey-custom-host': `http://127.0.0.1:${ports.upstream}/v1`,
};

function cannon(url, body, headers, duration) {
  return new Promise((resolve, reject) => {
    autocannon({ url, method: 'POST', body, headers, connections: CONNECTIONS, duration }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** Unmeasured seconds first (BENCH_WARMUP, default 3: JIT tier-up of the bundle, connection pools), then the measured run. */
async function load(title, url, body, headers = { 'content-type': 'application/json' }) {
  await cannon(url, body, headers, WARMUP);
  return { title, result: await cannon(url, body, headers, SECONDS) };
}

/**
 * Requests one at a time. Each round sends one request to every process, in an order
 * rotated every round, so machine noise and the cost of waking a process that sat idle
 * fall on every target alike. A process with several variants (passthrough, translated)
 * serves one of them per round, in turn, so no variant rides on the one before it.
 */
async function sequential(processes) {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const times = processes.map((variants) => variants.map(() => []));
  const perRound = Math.max(...processes.map((variants) => variants.length));
  const warmup = 50 * perRound;
  for (let round = 0; round < (SEQUENTIAL + 50) * perRound; round += 1) {
    for (let j = 0; j < processes.length; j += 1) {
      const p = (round + j) % processes.length;
      const v = round % processes[p].length;
      const { url, body, headers } = processes[p][v];
      const t = process.hrtime.bigint();
      const res = await request(url, { method: 'POST', body, headers, dispatcher: agent });
      await res.body.text();
      if (round >= warmup) times[p][v].push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  await agent.close();
  return times.map((variants) => variants.map((list) => percentiles(list)));
}

try {
  writeFileSync(
    join(home, '.llm-router.json'),
    JSON.stringify({
      version: 2,
      providers: [
        {
          id: 'fake',
          name: 'Bench upstream',
          baseUrl: `http://127.0.0.1:${ports.upstream}/v1`,
          apiKey: 'sk-bench',
          format: 'openai',
          models: ['bench', 'bench-2'],
          rateLimits: [{ id: 'roomy', models: ['all'], requests: 1_000_000_000, window: { unit: 'day', size: 1 } }],
        },
      ],
      modelAliases: {
        coding: {
          strategy: 'weighted-rr',
          targets: [
            { ref: 'fake/bench', weight: 3 },
            { ref: 'fake/bench-2', weight: 1 },
          ],
        },
      },
    }),
    { mode: 0o600 },
  );
  start('upstream', ['scripts/bench-fake-upstream.mjs', String(ports.upstream)]);
  // The detached daemon, as users run it; `start` returns once it answers.
  const routerEnv = { ...process.env, HOME: home, LLM_ROUTER_LOG_LEVEL: 'error' };
  execFileSync(process.execPath, ['dist/llm-router.js', 'start', `--port=${ports.router}`], { env: routerEnv, stdio: 'ignore' });
  stopRouter = () => execFileSync(process.execPath, ['dist/llm-router.js', 'stop'], { env: routerEnv, stdio: 'ignore' });
  const router = JSON.parse(execFileSync(process.execPath, ['dist/llm-router.js', 'status', '--json'], { env: routerEnv, encoding: 'utf8' }));
  start('floor proxy', ['scripts/bench-floor-proxy.mjs', String(ports.floor), `http://127.0.0.1:${ports.upstream}`]);
  start('portkey', ['node_modules/@portkey-ai/gateway/build/start-server.js', `--port=${ports.portkey}`]);
  await waitFor(`http://127.0.0.1:${ports.router}/health`);
  await waitFor(`http://127.0.0.1:${ports.portkey}/`);
  const up = `http://127.0.0.1:${ports.upstream}/v1/chat/completions`;
  await waitFor(`http://127.0.0.1:${ports.upstream}/`);
  await waitFor(`http://127.0.0.1:${ports.floor}/`);

  console.log(`\nGateway load: ${CONNECTIONS} connections, ${SECONDS} s each, loopback, one machine (node ${process.version})`);
  const runs = [
    await load('upstream direct (no gateway)', up, chatBody('bench')),
    await load('floor: bare node:http + undici proxy', `http://127.0.0.1:${ports.floor}/v1/chat/completions`, chatBody('bench')),
    await load('llm-router passthrough (OpenAI -> OpenAI)', `http://127.0.0.1:${ports.router}/v1/chat/completions`, chatBody('fake/bench')),
    await load('llm-router translated (Anthropic -> OpenAI)', `http://127.0.0.1:${ports.router}/v1/messages`, messagesBody),
    await load('llm-router alias (weighted-rr, 2 targets, 1 cap)', `http://127.0.0.1:${ports.router}/v1/chat/completions`, chatBody('coding')),
    await load('@portkey-ai/gateway 1.15 (OpenAI -> OpenAI)', `http://127.0.0.1:${ports.portkey}/v1/chat/completions`, chatBody('bench'), portkeyHeaders),
  ];
  const peakRss = rssKb(router.pid, 'VmHWM') / 1024;
  for (const { title, result } of runs) {
    const bad = result.errors + result.non2xx;
    console.log(
      `  ${title.padEnd(46)} ${Math.round(result.requests.average).toLocaleString('en-US').padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(4)} ms${bad ? `   ${bad} errors/non-2xx` : ''}`,
    );
  }
  const ratio = runs[2].result.requests.average / runs[5].result.requests.average;
  console.log(
    `  routing through an alias vs a direct ref: ${((runs[4].result.requests.average / runs[2].result.requests.average) * 100).toFixed(0)}% of the direct-ref throughput`,
  );
  console.log(`  llm-router passthrough vs Portkey: ${ratio.toFixed(1)}x the requests per second (target >= 5x)`);
  console.log(`  llm-router peak RSS during the runs: ${peakRss.toFixed(0)} MB (target < 120 MB)`);

  console.log(`\nSequential latency, ${SEQUENTIAL}+ requests each, one at a time, interleaved and rotated (keep-alive)`);
  const json = { 'content-type': 'application/json' };
  const [[direct], [viaFloor], [viaRouter, viaTranslated], [viaPortkey]] = await sequential([
    [{ url: up, body: chatBody('bench'), headers: json }],
    [{ url: `http://127.0.0.1:${ports.floor}/v1/chat/completions`, body: chatBody('bench'), headers: json }],
    [
      { url: `http://127.0.0.1:${ports.router}/v1/chat/completions`, body: chatBody('fake/bench'), headers: json },
      { url: `http://127.0.0.1:${ports.router}/v1/messages`, body: messagesBody, headers: json },
    ],
    [{ url: `http://127.0.0.1:${ports.portkey}/v1/chat/completions`, body: chatBody('bench'), headers: portkeyHeaders }],
  ]);
  const row = (label, r) =>
    console.log(
      `  ${label.padEnd(46)} p50 ${r.p50.toFixed(3)} ms   p99 ${r.p99.toFixed(3)} ms${r === direct ? '' : `   added p50 ${(r.p50 - direct.p50).toFixed(3)} ms`}`,
    );
  row('upstream direct', direct);
  row('floor: bare node:http + undici proxy', viaFloor);
  row('llm-router passthrough', viaRouter);
  row('llm-router translated (Anthropic -> OpenAI)', viaTranslated);
  row('@portkey-ai/gateway', viaPortkey);
  console.log(`  (target: llm-router added p50 <= 0.5 ms; llm-router over the bare proxy: ${(viaRouter.p50 - viaFloor.p50).toFixed(3)} ms)`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  stopRouter();
  rmSync(home, { recursive: true, force: true });
}
