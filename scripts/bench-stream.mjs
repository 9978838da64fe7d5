#!/usr/bin/env node
// Streaming benchmark on loopback: N concurrent streams of M text deltas, through the fake
// upstream direct, a bare node:http + undici proxy (the floor for one Node hop), the same
// proxy on Fastify (what the framework adds) and the llm-router daemon (passthrough and
// every translated client/upstream pair), in one run.
// CPU time per request (user + system from /proc, per process) is the stable figure on a
// shared machine; throughput ratios, sequential added latency, time to first byte and peak
// RSS are printed beside it. Non-streamed CPU per request opens the run; streams at a
// provider's pace (one event per read and write) follow the flat-out ones. Figures only.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { chatBody, messagesBody } from './bench-coding-body.mjs';
import { cpuMicros, percentiles, pinForBench, startNode, statusKb, waitForHttp } from './bench-lib.mjs';

const CONNECTIONS = Number(process.env.BENCH_STREAM_CONNECTIONS ?? 32);
const DELTAS = Number(process.env.BENCH_STREAM_DELTAS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SEQUENTIAL = Number(process.env.BENCH_STREAM_SEQUENTIAL ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const LARGE_KB = Number(process.env.BENCH_LARGE_KB ?? 256); // the coding-tool-sized body section; 0 skips it
const LARGE_CONNECTIONS = Number(process.env.BENCH_LARGE_CONNECTIONS ?? 8);
// Streams at a provider's pace (a delta every PACE ms): each event is its own socket read and
// write, as with a real provider, instead of the many-per-read bursts of the flat-out load.
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 2);
const PACED_CONNECTIONS = Number(process.env.BENCH_PACED_CONNECTIONS ?? 64);
const PACED_STREAMS = Number(process.env.BENCH_PACED_STREAMS ?? 320); // 0 skips the section
const ONLY = process.env.BENCH_STREAM_ONLY; // e.g. "passthrough" to run the matching targets only
// BENCH_PIN=1: the measured hops on a CPU of their own (bench-lib.mjs pinForBench).
// Another build's CLI (e.g. a checkout of main): its daemon runs beside ours, each llm-router
// target is measured on both in alternating order, and the CPU ratio is printed (before/after).
const BASELINE = process.env.BENCH_BASELINE;
const ports = { upstream: 19401, router: 19402, floor: 19403, baseline: 19404, ffloor: 19405 };
const home = mkdtempSync(join(tmpdir(), 'llm-router-bench-stream-'));
const children = [];
const stops = [];

const prompt = 'Write a short poem about streams.';
const bodies = {
  chat: (model, stream) =>
    JSON.stringify({
      model,
      stream,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
      max_tokens: 512,
      messages: [{ role: 'user', content: prompt }],
    }),
  messages: (model, stream) => JSON.stringify({ model, stream, max_tokens: 512, messages: [{ role: 'user', content: prompt }] }),
  responses: (model, stream) => JSON.stringify({ model, stream, max_output_tokens: 512, input: prompt }),
};
// A body the size a coding tool sends mid-session (system prompt, tools, tool results with code),
// built once per client, model and stream flag: the router must not parse it to pass it through.
const largeBodies = new Map();
const large = (build) => (model, stream) => {
  const key = `${build.name} ${model} ${stream}`;
  if (!largeBodies.has(key)) largeBodies.set(key, build(model, stream, LARGE_KB));
  return largeBodies.get(key);
};
const paths = { chat: '/v1/chat/completions', messages: '/v1/messages', responses: '/v1/responses' };
const json = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };

/** A target: who serves it (pid whose CPU is the hop's), the URL and the body, and the upstream format behind it. */
const target = (title, kind, port, client, model, upstream, body = bodies[client], connections = CONNECTIONS) => ({
  title,
  kind,
  port,
  client,
  model,
  upstream,
  body,
  connections,
  prefix: '',
  amount: 0,
});
const streamed = [
  target('upstream direct, OpenAI Chat stream', 'direct', ports.upstream, 'chat', 'bench', 'openai'),
  target('upstream direct, Anthropic stream', 'direct', ports.upstream, 'messages', 'bench', 'anthropic'),
  target('upstream direct, Responses stream', 'direct', ports.upstream, 'responses', 'bench', 'responses'),
  target('floor: node:http + undici pipe (Chat)', 'floor', ports.floor, 'chat', 'bench', 'openai'),
  target('floor: node:http + undici pipe (Messages)', 'floor', ports.floor, 'messages', 'bench', 'anthropic'),
  target('floor: node:http + undici pipe (Responses)', 'floor', ports.floor, 'responses', 'bench', 'responses'),
  target('floor on Fastify (Chat)', 'ffloor', ports.ffloor, 'chat', 'bench', 'openai'),
  target('passthrough Chat -> OpenAI', 'router', ports.router, 'chat', 'oa/bench', 'openai'),
  target('passthrough Messages -> Anthropic', 'router', ports.router, 'messages', 'an/bench', 'anthropic'),
  target('passthrough Responses -> Responses', 'router', ports.router, 'responses', 're/bench', 'responses'),
  target('translated Chat -> Anthropic', 'router', ports.router, 'chat', 'an/bench', 'anthropic'),
  target('translated Messages -> OpenAI', 'router', ports.router, 'messages', 'oa/bench', 'openai'),
  target('translated Responses -> OpenAI', 'router', ports.router, 'responses', 'oa/bench', 'openai'),
  target('translated Responses -> Anthropic', 'router', ports.router, 'responses', 'an/bench', 'anthropic'),
].filter((t) => !ONLY || t.kind !== 'router' || t.title.includes(ONLY));
const plain = [
  target('upstream direct, OpenAI Chat', 'direct', ports.upstream, 'chat', 'bench', 'openai'),
  target('floor: node:http + undici (Chat)', 'floor', ports.floor, 'chat', 'bench', 'openai'),
  target('floor on Fastify (Chat)', 'ffloor', ports.ffloor, 'chat', 'bench', 'openai'),
  target('passthrough Chat -> OpenAI', 'router', ports.router, 'chat', 'oa/bench', 'openai'),
  target('translated Messages -> OpenAI', 'router', ports.router, 'messages', 'oa/bench', 'openai'),
  target('translated Chat -> Anthropic', 'router', ports.router, 'chat', 'an/bench', 'anthropic'),
].filter((t) => !ONLY || t.kind !== 'router' || t.title.includes(ONLY));
const bigTarget = (title, kind, port, client, model, upstream) =>
  target(title, kind, port, client, model, upstream, large(client === 'chat' ? chatBody : messagesBody), LARGE_CONNECTIONS);
const big = [
  bigTarget('floor: node:http + undici pipe (Messages)', 'floor', ports.floor, 'messages', 'bench', 'anthropic'),
  bigTarget('passthrough Messages -> Anthropic', 'router', ports.router, 'messages', 'an/bench', 'anthropic'),
  bigTarget('floor: node:http + undici pipe (Chat)', 'floor', ports.floor, 'chat', 'bench', 'openai'),
  bigTarget('passthrough Chat -> OpenAI', 'router', ports.router, 'chat', 'oa/bench', 'openai'),
  bigTarget('translated Messages -> OpenAI', 'router', ports.router, 'messages', 'oa/bench', 'openai'),
  bigTarget('translated Chat -> Anthropic', 'router', ports.router, 'chat', 'an/bench', 'anthropic'),
].filter((t) => LARGE_KB > 0 && (!ONLY || t.kind !== 'router' || t.title.includes(ONLY)));

// Paced: the Chat and Messages targets of the flat-out load, through the paced paths (the
// router's `oap`/`anp` providers, /paced/ for the rest), a fixed number of whole streams per
// measurement (with ~0.5 s streams, a timed run would count the CPU of the streams cut off at
// its end but not the streams).
const paced = streamed
  .filter((t) => PACED_STREAMS > 0 && t.client !== 'responses' && t.upstream !== 'responses')
  .map((t) => ({
    ...t,
    model: t.kind === 'router' ? t.model.replace('/', 'p/') : t.model,
    connections: PACED_CONNECTIONS,
    prefix: t.kind === 'router' ? '' : '/paced',
    amount: PACED_STREAMS,
  }));

const urlOf = (t) => `http://127.0.0.1:${t.port}${t.prefix}${paths[t.client]}`;

function cannon(t, stream, duration) {
  return new Promise((resolve, reject) => {
    const load = duration === undefined ? { amount: t.amount } : { duration };
    autocannon({ url: urlOf(t), method: 'POST', body: t.body(t.model, stream), headers: json, connections: t.connections, ...load }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

/**
 * One measured run of a target: every process's CPU over it, per completed request.
 */
async function measure(t, stream, pids) {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMicros(pid)]));
  const result = await cannon(t, stream, t.amount ? undefined : SECONDS);
  const cpu = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMicros(pid) - before[k]]));
  const done = result.requests.total;
  if (result.errors + result.non2xx > 0) {
    const res = await fetch(urlOf(t), { method: 'POST', body: t.body(t.model, stream), headers: json });
    console.log(`  ! ${t.title}: ${result.errors} errors, ${result.non2xx} non-2xx; one more request now: ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
  return {
    rate: result.requests.average,
    bad: result.errors + result.non2xx,
    upstreamCpu: cpu.upstream / done,
    hopCpu: t.kind === 'direct' ? undefined : cpu[t.kind] / done,
  };
}

/** One stream at a time per target, targets interleaved and rotated: time to first body byte and to the end. */
async function sequential(targets) {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const times = targets.map(() => ({ first: [], total: [] }));
  for (let round = 0; round < SEQUENTIAL + 30; round += 1) {
    for (let j = 0; j < targets.length; j += 1) {
      const i = (round + j) % targets.length;
      const t = targets[i];
      const started = process.hrtime.bigint();
      const res = await request(urlOf(t), { method: 'POST', body: t.body(t.model, true), headers: json, dispatcher: agent });
      let first;
      for await (const chunk of res.body) if (first === undefined && chunk.length > 0) first = process.hrtime.bigint();
      const end = process.hrtime.bigint();
      if (round >= 30) {
        times[i].first.push(Number(first - started) / 1e6);
        times[i].total.push(Number(end - started) / 1e6);
      }
    }
  }
  await agent.close();
  return times.map((x) => ({ first: percentiles(x.first), total: percentiles(x.total) }));
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/**
 * Every target warmed up first (BENCH_WARMUP seconds, default 3: the bundled gateway needs a
 * few thousand requests before its code is optimised), then BENCH_ROUNDS rounds (default 3)
 * of BENCH_SECONDS each over all targets, in an order rotated each round, and the median of
 * each figure: a slow spell of this shared machine then falls on every target alike instead
 * of on whichever ran during it. With a baseline build, each llm-router target has a twin on
 * it in the same rounds, and the before/after CPU ratio is printed.
 */
async function loadAll(targets, stream, pids) {
  const all = targets.flatMap((t) => (BASELINE && t.kind === 'router' ? [t, { ...t, kind: 'baseline', port: ports.baseline }] : [t]));
  for (const t of all) await cannon(t, stream, stream ? WARMUP : 2 * WARMUP);
  const samples = all.map(() => []);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let j = 0; j < all.length; j += 1) {
      const i = (round * 3 + j) % all.length;
      samples[i].push(await measure(all[i], stream, pids));
    }
  }
  const runs = all.map((t, i) => {
    const pick = (key) => (samples[i][0][key] === undefined ? undefined : median(samples[i].map((x) => x[key])));
    return { ...t, rate: pick('rate'), bad: samples[i].reduce((n, x) => n + x.bad, 0), upstreamCpu: pick('upstreamCpu'), hopCpu: pick('hopCpu') };
  });
  const twins = runs.filter((r) => r.kind === 'baseline').map((base) => [runs.find((r) => r.kind === 'router' && r.title === base.title), base]);
  if (twins.length > 0) {
    console.log(`  Before/after in the same run (baseline ${BASELINE}), hop CPU per request:`);
    for (const [now, base] of twins)
      console.log(`    ${now.title.padEnd(40)} ${us(base.hopCpu).padStart(9)} -> ${us(now.hopCpu).padStart(9)}   ${(now.hopCpu / base.hopCpu).toFixed(2)}x`);
  }
  return runs.filter((r) => r.kind !== 'baseline');
}

const us = (n) => (n === undefined ? '' : `${Math.round(n).toLocaleString('en-US')} us`);

try {
  const config = {
    version: 2,
    providers: [
      { id: 'oa', baseUrl: `http://127.0.0.1:${ports.upstream}/v1`, apiKey: 'sk-bench', format: 'openai', models: ['bench'] },
      { id: 'an', baseUrl: `http://127.0.0.1:${ports.upstream}/v1`, apiKey: 'sk-bench', format: 'claude', models: ['bench'] },
      { id: 're', baseUrl: `http://127.0.0.1:${ports.upstream}/v1`, apiKey: 'sk-bench', format: 'responses', models: ['bench'] },
      { id: 'oap', baseUrl: `http://127.0.0.1:${ports.upstream}/paced/v1`, apiKey: 'sk-bench', format: 'openai', models: ['bench'] },
      { id: 'anp', baseUrl: `http://127.0.0.1:${ports.upstream}/paced/v1`, apiKey: 'sk-bench', format: 'claude', models: ['bench'] },
    ],
  };
  writeFileSync(join(home, '.llm-router.json'), JSON.stringify(config), { mode: 0o600 });
  const upstream = startNode(children, ['scripts/bench-stream-upstream.mjs', String(ports.upstream), String(DELTAS), String(PACE_MS)]);
  const floor = startNode(children, ['scripts/bench-floor-proxy.mjs', String(ports.floor), `http://127.0.0.1:${ports.upstream}`]);
  const ffloor = startNode(children, ['scripts/bench-floor-fastify.mjs', String(ports.ffloor), `http://127.0.0.1:${ports.upstream}`]);
  const daemon = (cli, port, dir) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.llm-router.json'), JSON.stringify(config), { mode: 0o600 });
    const env = { ...process.env, HOME: dir, LLM_ROUTER_LOG_LEVEL: 'error' };
    execFileSync(process.execPath, [cli, 'start', `--port=${port}`], { env, stdio: 'ignore' });
    stops.push(() => execFileSync(process.execPath, [cli, 'stop'], { env, stdio: 'ignore' }));
    return JSON.parse(readFileSync(join(dir, '.llm-router', 'daemon.pid'), 'utf8')).pid;
  };
  const routerPid = daemon('dist/llm-router.js', ports.router, home);
  const pids = { upstream: upstream.pid, floor: floor.pid, ffloor: ffloor.pid, router: routerPid };
  if (BASELINE) pids.baseline = daemon(BASELINE, ports.baseline, join(home, 'baseline'));
  await waitForHttp(`http://127.0.0.1:${ports.upstream}/`);
  await waitForHttp(`http://127.0.0.1:${ports.floor}/`);
  await waitForHttp(`http://127.0.0.1:${ports.ffloor}/`);
  await waitForHttp(`http://127.0.0.1:${ports.router}/health`);
  if (BASELINE) await waitForHttp(`http://127.0.0.1:${ports.baseline}/health`);
  for (const [name, child] of [
    ['fake upstream', upstream],
    ['floor proxy', floor],
    ['Fastify floor proxy', ffloor],
  ])
    if (child.exitCode !== null)
      throw new Error(`the ${name} exited at start (code ${child.exitCode}): is one of ports ${Object.values(ports).join(', ')} taken?`);

  const hops = [floor.pid, ffloor.pid, routerPid, ...(BASELINE ? [pids.baseline] : [])];
  if (pinForBench(hops, [process.pid, upstream.pid]))
    console.log(
      `\nPinned (BENCH_PIN=1): the floor and the daemon(s) on the last CPU, this process and the fake upstream on the others` +
        ` (the upstream then shares CPUs with the load, so ratios to its own CPU do not compare with an unpinned run).`,
    );

  // Non-streamed first, on the fresh daemon: after the streaming runs its CPU per small request is
  // ~15% higher for a while (code paths shared with streams are re-optimised).
  console.log(`\nNon-streamed, ${CONNECTIONS} connections: CPU per request`);
  const small = await loadAll(plain, false, pids);
  for (const r of small) {
    const hop = r.hopCpu === undefined ? '' : `hop CPU ${us(r.hopCpu).padStart(7)}`;
    console.log(
      `  ${r.title.padEnd(42)} ${Math.round(r.rate).toLocaleString('en-US').padStart(6)} req/s   ${hop.padEnd(16)}   upstream CPU ${us(r.upstreamCpu).padStart(6)}${r.bad ? `   ${r.bad} errors/non-2xx` : ''}`,
    );
  }
  const [up, fl, ff, pass, ...translated] = small;
  console.log(`    Fastify's own cost: its floor is ${(ff.hopCpu / fl.hopCpu).toFixed(2)}x the bare floor`);
  if (pass) {
    console.log(
      `    passthrough: ${(pass.hopCpu / up.upstreamCpu).toFixed(2)}x the upstream's own [<= 2.5x], ${(pass.hopCpu / fl.hopCpu).toFixed(2)}x the floor [<= 1.2x], ${(pass.hopCpu / ff.hopCpu).toFixed(2)}x the Fastify floor`,
    );
    for (const r of translated) console.log(`    ${r.title}: ${(r.hopCpu / pass.hopCpu).toFixed(2)}x passthrough [<= 1.15x]`);
  }
  console.log(
    `\nStreaming load: ${CONNECTIONS} concurrent streams x ${DELTAS} deltas, median of ${ROUNDS} rounds of ${SECONDS} s, loopback, one machine (node ${process.version})`,
  );
  console.log('  CPU per request is user + system time of the process named, per completed request (stable across runs; rates swing).');
  const runs = await loadAll(streamed, true, pids);
  const direct = (u) => runs.find((r) => r.kind === 'direct' && r.upstream === u);
  const floorOf = (u) => runs.find((r) => r.kind === 'floor' && r.upstream === u);
  const passOf = (u) => runs.find((r) => r.title.startsWith('passthrough') && r.upstream === u);
  for (const r of runs) {
    const d = direct(r.upstream);
    const hop = r.hopCpu === undefined ? ''.padEnd(30) : `hop CPU ${us(r.hopCpu).padStart(9)} (${(r.hopCpu / DELTAS).toFixed(1)} us/delta)`;
    const vs = r.kind === 'direct' ? '' : `   ${(r.rate / d.rate).toFixed(2)}x direct`;
    console.log(
      `  ${r.title.padEnd(42)} ${Math.round(r.rate).toLocaleString('en-US').padStart(6)} streams/s   ${hop}   upstream CPU ${us(r.upstreamCpu).padStart(8)}${vs}${r.bad ? `   ${r.bad} errors/non-2xx` : ''}`,
    );
  }
  console.log('  Ratios of CPU per request (goals in brackets):');
  for (const u of ['openai', 'anthropic', 'responses']) {
    const p = passOf(u);
    const f = floorOf(u);
    if (!p) continue;
    console.log(
      `    passthrough (${u}): ${(p.hopCpu / direct(u).upstreamCpu).toFixed(2)}x the upstream's own [<= 1.3x], ${(p.hopCpu / f.hopCpu).toFixed(2)}x the floor [<= 1.10x]; throughput ${(p.rate / direct(u).rate).toFixed(2)}x direct [>= 0.6x]`,
    );
    const ff = runs.find((r) => r.kind === 'ffloor' && r.upstream === u);
    if (ff)
      console.log(
        `      the Fastify floor is ${(ff.hopCpu / f.hopCpu).toFixed(2)}x the floor; passthrough is ${(p.hopCpu / ff.hopCpu).toFixed(2)}x the Fastify floor`,
      );
  }
  // A translated stream beside the passthrough that writes the same client format (the same
  // events and bytes out), and, for Responses clients, beside the upstream's own passthrough
  // too (a Responses stream writes ~18% more bytes than a Chat one for the same text).
  for (const r of runs.filter((x) => x.title.startsWith('translated'))) {
    const client = { chat: 'openai', messages: 'anthropic', responses: 'responses' }[r.client];
    const same = passOf(client);
    const upstreamPass = client === 'responses' ? passOf(r.upstream) : undefined;
    const vs = [same, upstreamPass].filter(Boolean).map((p) => `${(r.hopCpu / p.hopCpu).toFixed(2)}x ${p.title}`);
    if (vs.length > 0) console.log(`    ${r.title}: ${vs.join(', ')} [<= 1.1x]`);
  }
  console.log(`  llm-router peak RSS during the streaming runs: ${(statusKb(routerPid, 'VmHWM') / 1024).toFixed(0)} MB [< 150 MB]`);
  if (BASELINE) console.log(`  baseline build's peak RSS: ${(statusKb(pids.baseline, 'VmHWM') / 1024).toFixed(0)} MB`);
  if (big.length > 0) {
    const size = `${Math.round(Buffer.byteLength(messagesBody('an/bench', true, LARGE_KB)) / 1024)} KB`;
    console.log(`\nCoding-tool-sized bodies (~${size}: system prompt, 24 tools, tool results with code), ${LARGE_CONNECTIONS} concurrent streams`);
    const bigRuns = await loadAll(big, true, pids);
    for (const r of bigRuns) {
      const f = bigRuns.find((x) => x.kind === 'floor' && x.upstream === r.upstream);
      const vs = r.kind === 'floor' ? '' : `   ${(r.hopCpu / f.hopCpu).toFixed(2)}x the floor (which parses and re-serialises)`;
      console.log(
        `  ${r.title.padEnd(42)} ${Math.round(r.rate).toLocaleString('en-US').padStart(6)} streams/s   hop CPU ${us(r.hopCpu).padStart(9)}${vs}${r.bad ? `   ${r.bad} errors/non-2xx` : ''}`,
      );
    }
    console.log(`  llm-router peak RSS after the large-body runs: ${(statusKb(routerPid, 'VmHWM') / 1024).toFixed(0)} MB`);
  }

  if (paced.length > 0) {
    console.log(
      `\nPaced streams: a delta every ${PACE_MS} ms per stream (a provider's pace: one event per read), ${PACED_CONNECTIONS} concurrent, ${PACED_STREAMS} whole streams per round`,
    );
    const pacedRuns = await loadAll(paced, true, pids);
    const of = (kind, u) => pacedRuns.find((r) => r.kind === kind && r.upstream === u);
    for (const r of pacedRuns) {
      const hop = r.hopCpu === undefined ? ''.padEnd(30) : `hop CPU ${us(r.hopCpu).padStart(9)} (${(r.hopCpu / DELTAS).toFixed(1)} us/delta)`;
      const f = of('floor', r.upstream);
      const vs =
        r.kind === 'router' && r.title.startsWith('passthrough')
          ? `   ${(r.hopCpu / f.hopCpu).toFixed(2)}x the floor [<= 1.10x]`
          : r.kind === 'ffloor'
            ? `   ${(r.hopCpu / f.hopCpu).toFixed(2)}x the floor`
            : '';
      const same = r.title.startsWith('translated') ? pacedRuns.find((p) => p.title.startsWith('passthrough') && p.client === r.client) : undefined;
      const vsPass = same ? `   ${(r.hopCpu / same.hopCpu).toFixed(2)}x ${same.title} [<= 1.1x]` : '';
      console.log(`  ${r.title.padEnd(42)} ${hop}   upstream CPU ${us(r.upstreamCpu).padStart(8)}${vs}${vsPass}${r.bad ? `   ${r.bad} errors/non-2xx` : ''}`);
    }
  }

  const seqTargets = streamed.filter((t) => t.kind !== 'router' || t.title.startsWith('passthrough') || t.title === 'translated Chat -> Anthropic');
  console.log(`\nSequential streams, ${SEQUENTIAL} each, one at a time, interleaved (${DELTAS} deltas each; first byte and whole stream)`);
  const seq = await sequential(seqTargets);
  seqTargets.forEach((t, i) => {
    const d = seq[seqTargets.findIndex((x) => x.kind === 'direct' && x.upstream === t.upstream)];
    const s = seq[i];
    const added =
      t.kind === 'direct' ? '' : `   added: first byte ${(s.first.p50 - d.first.p50).toFixed(3)} ms, whole ${(s.total.p50 - d.total.p50).toFixed(3)} ms`;
    console.log(
      `  ${t.title.padEnd(42)} first byte p50 ${s.first.p50.toFixed(3)} ms   whole p50 ${s.total.p50.toFixed(3)} ms p99 ${s.total.p99.toFixed(3)} ms${added}`,
    );
  });
  console.log('  [goals: whole stream added <= 0.5 ms, first byte added <= 0.3 ms]');
} finally {
  for (const child of children) child.kill('SIGTERM');
  for (const stop of stops) stop();
  rmSync(home, { recursive: true, force: true });
}
