// The hosted gateway's figures (run with: node scripts/run-ts.mjs scripts/bench-worker.ts,
// after npm run build): the Worker bundle's size, Miniflare (workerd) cold start, and the
// Worker's added latency per request beside the local gateway's, both in front of the same
// fake upstream on loopback. Miniflare runs workerd locally: its figures are for our code
// in the Workers runtime, not Cloudflare's network.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Miniflare } from 'miniflare';
import { newSealKey, sealText } from '../src/config/sealed.js';
import { percentiles, startNode, waitForHttp } from './bench-lib.mjs';

const KEY = 'gw_bench-worker-master-key-0123456789abcdef';
const SEQUENTIAL = Number(process.env.BENCH_WORKER_REQUESTS ?? 300);
const ports = { upstream: 19501, router: 19502 };
const children: ReturnType<typeof startNode>[] = [];
const home = mkdtempSync(join(tmpdir(), 'llm-router-bench-worker-'));

const config = {
  version: 2,
  masterKey: KEY,
  providers: [
    {
      id: 'oa',
      baseUrl: `http://127.0.0.1:${ports.upstream}/v1`,
      apiKey: 'sk-bench',
      format: 'openai',
      formats: ['openai'],
      models: [{ id: 'bench' }],
      rateLimits: [],
    },
    {
      id: 'an',
      baseUrl: `http://127.0.0.1:${ports.upstream}`,
      apiKey: 'sk-bench',
      format: 'claude',
      formats: ['claude'],
      models: [{ id: 'bench' }],
      rateLimits: [],
    },
  ],
  modelAliases: {},
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function timed(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const t = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers }, body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return performance.now() - t;
}

const requests = {
  'Chat -> OpenAI (passthrough)': { path: '/v1/chat/completions', model: 'oa/bench', headers: {} },
  'Chat -> Anthropic (translated)': { path: '/v1/chat/completions', model: 'an/bench', headers: {} },
  'Messages -> Anthropic (passthrough)': { path: '/v1/messages', model: 'an/bench', headers: { 'anthropic-version': '2023-06-01' } },
};

async function main() {
  startNode(children, ['scripts/bench-stream-upstream.mjs', String(ports.upstream), '200']);
  await waitForHttp(`http://127.0.0.1:${ports.upstream}/`);

  const dist = 'dist/worker';
  const files = filesUnder(dist);
  const entry = readFileSync(join(dist, 'worker.js'));
  const total = files.reduce((n, f) => n + statSync(f).size, 0);
  const gzTotal = files.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);
  console.log('\nCloudflare Worker (dist/worker, run under Miniflare/workerd on loopback)');
  console.log(
    `  bundle: entry ${kb(entry.length)} (${kb(gzipSync(entry).length)} gzipped); all modules ${kb(total)} (${kb(gzTotal)} gzipped) [Free plan limit 3 MB gzipped]`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'llm-router-bench-worker-project-'));
  cpSync(dist, dir, { recursive: true });
  const sealKey = newSealKey();
  const { masterKey: _m, ...rest } = config;
  const sealed = await sealText(JSON.stringify(rest), sealKey);
  writeFileSync(join(dir, 'sealed-config.js'), `export default ${JSON.stringify(sealed)};\n`);
  console.log(`  sealed config: ${sealed.length} bytes in the bundle; secrets: LLM_ROUTER_CONFIG_KEY (${sealKey.length} chars), LLM_ROUTER_MASTER_KEY`);

  const coldStarts: number[] = [];
  let mf: Miniflare | undefined;
  let url = '';
  for (let i = 0; i < 3; i += 1) {
    await mf?.dispose();
    const t = performance.now();
    mf = new Miniflare({
      modules: true,
      scriptPath: join(dir, 'worker.js'),
      modulesRoot: dir,
      modulesRules: [{ type: 'ESModule', include: ['**/*.js'] }],
      compatibilityDate: '2026-04-01',
      bindings: { LLM_ROUTER_CONFIG_KEY: sealKey, LLM_ROUTER_MASTER_KEY: KEY },
      durableObjects: { LLM_ROUTER_STATE: { className: 'RoutingStateObject', useSQLite: true } },
      host: '127.0.0.1',
      port: 0,
    });
    url = (await mf.ready).toString().replace(/\/$/, '');
    const ready = performance.now() - t;
    await timed(`${url}/v1/chat/completions`, JSON.stringify({ model: 'oa/bench', messages: [{ role: 'user', content: 'hi' }] }), {});
    coldStarts.push(ready, performance.now() - t - ready);
  }
  const readies = coldStarts.filter((_, i) => i % 2 === 0);
  const firsts = coldStarts.filter((_, i) => i % 2 === 1);
  console.log(`  Miniflare cold start: workerd ready ${readies.map(ms).join(' / ')}; first request (config opened, core built) ${firsts.map(ms).join(' / ')}`);

  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, '.llm-router.json'), JSON.stringify(config), { mode: 0o600 });
  const env = { ...process.env, HOME: home, LLM_ROUTER_LOG_LEVEL: 'error' };
  execFileSync(process.execPath, ['dist/llm-router.js', 'start', `--port=${ports.router}`], { env, stdio: 'ignore' });
  try {
    await waitForHttp(`http://127.0.0.1:${ports.router}/health`);
    console.log(`  Sequential requests, ${SEQUENTIAL} each, interleaved; p50 (p99) per request, and added over the upstream direct:`);
    for (const stream of [false, true]) {
      for (const [name, r] of Object.entries(requests)) {
        const body = JSON.stringify({ model: r.model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }], ...(stream ? { stream: true } : {}) });
        const direct = JSON.stringify({ model: 'bench', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }], ...(stream ? { stream: true } : {}) });
        const directPath = r.model.startsWith('oa/') ? '/v1/chat/completions' : '/v1/messages';
        const lists: Record<string, number[]> = { direct: [], local: [], worker: [] };
        for (let i = 0; i < 20; i += 1) await timed(`${url}${r.path}`, body, r.headers);
        for (let i = 0; i < SEQUENTIAL; i += 1) {
          lists.direct!.push(await timed(`http://127.0.0.1:${ports.upstream}${directPath}`, direct, {}));
          lists.local!.push(await timed(`http://127.0.0.1:${ports.router}${r.path}`, body, r.headers));
          lists.worker!.push(await timed(`${url}${r.path}`, body, r.headers));
        }
        const p = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, percentiles(v)]));
        const line = (k: string) => `${k} ${ms(p[k]!.p50)} (${ms(p[k]!.p99)})`;
        console.log(
          `    ${(stream ? 'stream ' : '') + name}`.padEnd(48) +
            `${line('direct')}   ${line('local')} +${ms(p.local!.p50 - p.direct!.p50)}   ${line('worker')} +${ms(p.worker!.p50 - p.direct!.p50)}`,
        );
      }
    }
  } finally {
    execFileSync(process.execPath, ['dist/llm-router.js', 'stop'], { env, stdio: 'ignore' });
    await mf?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} finally {
  for (const c of children) c.kill();
  rmSync(home, { recursive: true, force: true });
}
