#!/usr/bin/env node
// Shared routing state on Redis vs the local file state, same run: two detached daemons
// with the same config in front of the same fake upstream, one on file state and one on a
// real redis-server (loopback). Measures throughput at fixed concurrency (autocannon) and
// sequential latency for an uncapped round-robin alias (one Redis round trip: health +
// ticket) and a capped model (plus the reservation script). Prints figures only.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { request, Agent } from 'undici';

if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.log('\nShared state on Redis: skipped (redis-server is not installed; apt-get install redis-server)');
  process.exit(0);
}

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 1000);
const ports = { upstream: 19201, file: 19202, redis: 19203, redisServer: 19204 };
const children = [];
const homes = [];

function start(label, command, args) {
  const child = spawn(command, args, { stdio: 'ignore' });
  children.push(child);
  child.on('exit', (code) => code && console.error(`${label} exited with ${code}`));
  return child;
}

function daemon(label, port, env) {
  const home = mkdtempSync(join(tmpdir(), `llm-router-bench-${label}-`));
  homes.push(home);
  writeFileSync(join(home, '.llm-router.json'), JSON.stringify(config()), { mode: 0o600 });
  const routerEnv = { ...process.env, HOME: home, LLM_ROUTER_LOG_LEVEL: 'error', ...env };
  execFileSync(process.execPath, ['dist/llm-router.js', 'start', `--port=${port}`], { env: routerEnv, stdio: 'ignore' });
  return () => execFileSync(process.execPath, ['dist/llm-router.js', 'stop'], { env: routerEnv, stdio: 'ignore' });
}

function config() {
  const provider = (id, extra = {}) => ({
    id,
    baseUrl: `http://127.0.0.1:${ports.upstream}/v1`,
    apiKey: 'sk-bench',
    format: 'openai',
    models: ['bench'],
    ...extra,
  });
  return {
    version: 2,
    providers: [
      provider('a'),
      provider('b'),
      provider('capped', { rateLimits: [{ id: 'roomy', models: ['all'], requests: 1_000_000_000, window: { unit: 'minute', size: 1 } }] }),
    ],
    modelAliases: { spread: { strategy: 'round-robin', targets: [{ ref: 'a/bench' }, { ref: 'b/bench' }] } },
  };
}

const body = (model) => JSON.stringify({ model, messages: [{ role: 'user', content: 'Say hello.' }], max_tokens: 32 });
const headers = { 'content-type': 'application/json' };
const url = (port) => `http://127.0.0.1:${port}/openai/v1/chat/completions`;

function cannon(port, model, duration) {
  return new Promise((resolve, reject) => {
    autocannon({ url: url(port), method: 'POST', body: body(model), headers, connections: CONNECTIONS, duration }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

/** Alternates the two daemons request by request, so noise falls on both alike. */
async function sequential(model) {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const times = { file: [], redis: [] };
  for (let i = 0; i < SEQUENTIAL + 50; i += 1) {
    for (const name of i % 2 ? ['file', 'redis'] : ['redis', 'file']) {
      const t = process.hrtime.bigint();
      const res = await request(url(ports[name]), { method: 'POST', body: body(model), headers, dispatcher: agent });
      await res.body.text();
      if (i >= 50) times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  await agent.close();
  const p50 = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return { file: p50(times.file), redis: p50(times.redis) };
}

const stops = [];
try {
  start('upstream', process.execPath, ['scripts/bench-fake-upstream.mjs', String(ports.upstream)]);
  start('redis-server', 'redis-server', ['--port', String(ports.redisServer), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await new Promise((r) => setTimeout(r, 300));
  stops.push(daemon('file', ports.file, {}));
  stops.push(daemon('redis', ports.redis, { LLM_ROUTER_STATE_URL: `redis://127.0.0.1:${ports.redisServer}` }));
  console.log(`\nShared state on Redis vs file state (${CONNECTIONS} connections, ${SECONDS} s each, loopback redis-server)`);
  for (const [title, model] of [
    ['uncapped round-robin alias', 'spread'],
    ['capped model (Lua reservation)', 'capped/bench'],
  ]) {
    const figures = {};
    for (const name of ['file', 'redis']) {
      await cannon(ports[name], model, 1);
      const result = await cannon(ports[name], model, SECONDS);
      figures[name] = result.requests.average;
      if (result.non2xx) console.log(`  (${name}: ${result.non2xx} non-2xx answers)`);
    }
    const latency = await sequential(model);
    console.log(
      `  ${title.padEnd(32)} file ${Math.round(figures.file).toLocaleString('en-US').padStart(6)} req/s  redis ${Math.round(figures.redis)
        .toLocaleString('en-US')
        .padStart(6)} req/s (${(figures.redis / figures.file).toFixed(2)}x)  ` +
        `sequential p50 file ${latency.file.toFixed(3)} ms, redis ${latency.redis.toFixed(3)} ms (+${(latency.redis - latency.file).toFixed(3)} ms)`,
    );
  }
} finally {
  for (const stop of stops) {
    try {
      stop();
    } catch {
      // already stopped
    }
  }
  for (const child of children) child.kill('SIGKILL');
  for (const home of homes) rmSync(home, { recursive: true, force: true });
}
