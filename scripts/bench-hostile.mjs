// `npm run bench` (hostile part): a real detached daemon under bounded bad-input load —
// bodies over the limit, large bodies under it, 100,000-deep JSON, slow headers (slowloris), cross-origin posts, and a
// 20 MB count_tokens — while /health is polled every 50 ms. Prints the daemon's peak RSS,
// /health latency (p50, p99, max) and whether the daemon is still up and serving after it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../dist/llm-router.js', import.meta.url));
const UPSTREAM = fileURLToPath(new URL('./bench-fake-upstream.mjs', import.meta.url));
const SECONDS = Number(process.env.BENCH_HOSTILE_SECONDS ?? 12);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

function post(port, path, headers, body) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const upstreamPort = await freePort();
const upstream = spawn(process.execPath, [UPSTREAM, String(upstreamPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => upstream.stdout.once('data', r));
const home = mkdtempSync(join(tmpdir(), 'llm-router-bench-hostile-'));
writeFileSync(
  join(home, '.llm-router.json'),
  JSON.stringify({
    version: 2,
    providers: [
      { id: 'bench', baseUrl: `http://127.0.0.1:${upstreamPort}/v1`, format: 'openai', apiKey: 'sk-bench-0123456789abcdefghij', models: [{ id: 'm' }] },
    ],
  }),
  { mode: 0o600 },
);
const port = await freePort();
const env = { ...process.env, HOME: home, NO_COLOR: '1' };
const started = spawnSync(process.execPath, [BIN, 'start', `--port=${port}`], { env, encoding: 'utf8' });
if (started.status !== 0) throw new Error(started.stderr);
const pid = JSON.parse(readFileSync(join(home, '.llm-router', 'daemon.pid'), 'utf8')).pid;
const idle = rssMb(pid);

// The /health poller runs in its own process, so the attackers' own work (this process
// writes 28 MB bodies) never shows up as gateway latency.
const POLLER = `
  const { request } = require('node:http');
  const ms = []; let failed = 0; let stop = false;
  process.stdin.on('data', () => { stop = true; });
  (async () => {
    while (!stop) {
      const t0 = performance.now();
      const ok = await new Promise((resolve) => {
        const req = request({ host: '127.0.0.1', port: ${port}, path: '/health', agent: false }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode === 200)); });
        req.setTimeout(5000, () => req.destroy());
        req.on('error', () => resolve(false));
        req.end();
      });
      ms.push(performance.now() - t0);
      if (!ok) failed += 1;
      await new Promise((r) => setTimeout(r, 50));
    }
    process.stdout.write(JSON.stringify({ ms, failed }));
  })();
`;
const poller = spawn(process.execPath, ['-e', POLLER], { stdio: ['pipe', 'pipe', 'inherit'] });
let polled = '';
poller.stdout.on('data', (c) => (polled += c));
let running = true;
let peak = idle;
const rssWatch = (async () => {
  while (running) {
    peak = Math.max(peak, rssMb(pid));
    await sleep(50);
  }
})();

const json = { 'content-type': 'application/json' };
const statuses = {};
const count = (name, status) => {
  statuses[name] ??= {};
  statuses[name][status] = (statuses[name][status] ?? 0) + 1;
};
const big = JSON.stringify({ model: 'bench/m', messages: [{ role: 'user', content: 'x'.repeat(28 * 1024 * 1024) }] });
const oversized = JSON.stringify({ model: 'bench/m', messages: [{ role: 'user', content: 'x'.repeat(40 * 1024 * 1024) }] });
const deep = `{"model":"bench/m","messages":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
const countBody = JSON.stringify({ model: 'bench/m', messages: [{ role: 'user', content: 'lorem ipsum dolor sit amet '.repeat(750_000) }] });
const small = JSON.stringify({ model: 'bench/m', messages: [{ role: 'user', content: 'hi' }] });
const sockets = [];
const end = Date.now() + SECONDS * 1000;
const ONLY = process.env.BENCH_HOSTILE_ONLY?.split(','); // e.g. "big,count": only those attacks
const loop = (name, send) => async () => {
  while (Date.now() < end) count(name, await send());
};
const slowloris = async () => {
  for (let i = 0; i < 200; i += 1) {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    s.write('POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    sockets.push(s);
  }
  while (Date.now() < end) {
    for (const s of sockets) if (!s.destroyed) s.write('X-a: b\r\n');
    await sleep(1_000);
  }
};
const ATTACKS = [
  // Eight clients sending 28 MB bodies over and over.
  ...Array.from({ length: 8 }, () => ['big', loop('28 MB body', () => post(port, '/v1/chat/completions', json, big))]),
  // Bodies over the 32 MiB limit, refused from their Content-Length before they are read.
  ...Array.from({ length: 4 }, () => ['oversized', loop('40 MB body (> limit)', () => post(port, '/v1/chat/completions', json, oversized))]),
  ['deep', loop('100k-deep JSON', () => post(port, '/v1/messages', json, deep))],
  ['origin', loop('cross-origin post', () => post(port, '/v1/chat/completions', { 'content-type': 'text/plain', origin: 'https://evil.example' }, small))],
  ['count', loop('20 MB count_tokens', () => post(port, '/v1/messages/count_tokens', json, countBody))],
  // Slowloris: 200 connections dribbling headers.
  ['slow', slowloris],
];
const attackers = ATTACKS.filter(([name]) => !ONLY || ONLY.includes(name)).map(([, run]) => run());
await Promise.all(attackers);
for (const s of sockets) s.destroy();
running = false;
await rssWatch;
poller.stdin.end('stop');
await new Promise((r) => poller.once('exit', r));
const { ms: healthMs, failed: healthFailures } = JSON.parse(polled);
const after = await post(port, '/v1/chat/completions', json, small);
const alive = (() => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
})();
spawnSync(process.execPath, [BIN, 'stop'], { env });
upstream.kill();
rmSync(home, { recursive: true, force: true });

console.log(
  `\nHostile load on the detached daemon (${SECONDS} s${ONLY ? `, only ${ONLY.join('+')}` : ''}: 4 x 40 MB bodies over the limit, 8 x 28 MB bodies under it, 100k-deep JSON, 200 slowloris connections, cross-origin posts, 20 MB count_tokens)`,
);
for (const [name, by] of Object.entries(statuses))
  console.log(
    `  ${name.padEnd(20)} ${Object.entries(by)
      .map(([s, n]) => `${n}x ${s}`)
      .join(', ')}`,
  );
console.log(`  RSS: idle ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`);
console.log(
  `  /health: ${healthMs.length} polls, p50 ${pct(healthMs, 0.5).toFixed(1)} ms, p95 ${pct(healthMs, 0.95).toFixed(1)} ms, p99 ${pct(healthMs, 0.99).toFixed(1)} ms, max ${Math.max(...healthMs).toFixed(1)} ms, ${healthFailures} failed`,
);
console.log(`  after the load: daemon ${alive ? 'up' : 'DOWN'}, a normal request got ${after}`);
