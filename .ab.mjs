import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMicros, waitForHttp } from './scripts/bench-lib.mjs';
const up = spawn(process.execPath, ['scripts/bench-stream-upstream.mjs', '19601', '200'], { stdio: 'ignore' });
const config = { version: 2, providers: [{ id: 'oa', baseUrl: 'http://127.0.0.1:19601/v1', apiKey: 'sk', format: 'openai', formats: ['openai'], models: [{ id: 'bench' }], rateLimits: [] }, { id: 'an', baseUrl: 'http://127.0.0.1:19601', apiKey: 'sk', format: 'claude', formats: ['claude'], models: [{ id: 'bench' }], rateLimits: [] }], modelAliases: {} };
const root = mkdtempSync(join(tmpdir(), 'ab-'));
const daemons = {};
for (const [name, cli, port] of [['base', '/work/baseline-dist/llm-router.js', 19602], ['new', 'dist/llm-router.js', 19603]]) {
  const dir = join(root, name); mkdirSync(dir);
  writeFileSync(join(dir, '.llm-router.json'), JSON.stringify(config), { mode: 0o600 });
  const env = { ...process.env, HOME: dir, LLM_ROUTER_LOG_LEVEL: 'error' };
  execFileSync(process.execPath, [cli, 'start', `--port=${port}`], { env, stdio: 'ignore' });
  daemons[name] = { port, env, cli, pid: JSON.parse(readFileSync(join(dir, '.llm-router', 'daemon.pid'), 'utf8')).pid };
}
await waitForHttp('http://127.0.0.1:19601/'); for (const d of Object.values(daemons)) await waitForHttp(`http://127.0.0.1:${d.port}/health`);
const body = JSON.stringify({ model: process.env.MODEL ?? 'oa/bench', messages: [{ role: 'user', content: 'hi' }], max_tokens: 16 });
const run = (port, d) => new Promise((res, rej) => autocannon({ url: `http://127.0.0.1:${port}${process.env.ABPATH ?? '/v1/chat/completions'}`, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: 32, duration: d }, (e, r) => (e ? rej(e) : res(r))));
const out = { base: [], new: [] };
for (const d of Object.values(daemons)) await run(d.port, 1);
for (let i = 0; i < Number(process.env.ROUNDS ?? 4); i++) {
  for (const name of i % 2 ? ['new', 'base'] : ['base', 'new']) {
    const d = daemons[name]; const before = cpuMicros(d.pid); const r = await run(d.port, 3);
    out[name].push((cpuMicros(d.pid) - before) / r.requests.total);
  }
}
for (const [k, v] of Object.entries(out)) console.log(k, v.map((x) => x.toFixed(0)).join(' '), 'median', [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)].toFixed(0));
for (const d of Object.values(daemons)) execFileSync(process.execPath, [d.cli, 'stop'], { env: d.env, stdio: 'ignore' });
up.kill();
