/** The request log as a user reads it: a real daemon writes requests.jsonl, `logs` and `usage` read it, /metrics is guarded. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDaemonClient } from '../../src/daemon/daemon-client.js';
import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { freePort } from '../helpers/free-port.js';

let t: TempHome;
let fake: FakeProvider;
let port: number;
const KEY = 'llmr-master-key-0123456789abcdef0123';
const PRICING = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

const chat = (model: string, stream = false) =>
  fetch(`http://127.0.0.1:${port}/openai/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'top secret prompt' }] }),
  });
const logPath = () => join(t.home, '.llm-router', 'requests.jsonl');

beforeAll(async () => {
  t = await makeTempHome();
  fake = await startFakeProvider();
  port = await freePort();
  await t.writeConfig({
    version: 2,
    masterKey: KEY,
    providers: [
      { id: 'an', baseUrl: fake.url, format: 'claude', models: [{ id: 'cached-usage', pricing: PRICING }, { id: 'fail-500' }] },
      { id: 'oa', baseUrl: `${fake.url}/v1`, format: 'openai', models: [{ id: 'ok' }, { id: 'fail-429' }] },
    ],
    modelAliases: { coding: { strategy: 'ordered', targets: [{ ref: 'oa/fail-429' }, { ref: 'an/cached-usage' }] } },
  });
  const started = await t.run(['start', `--port=${port}`], { LLM_ROUTER_ORIGIN_RETRY_BASE_DELAY_MS: '0' });
  expect(started.exitCode, started.stderr).toBe(0);
  for (const model of ['an/cached-usage', 'an/cached-usage', 'coding', 'oa/ok']) expect((await chat(model)).status).toBe(200);
  expect((await chat('an/fail-500')).status).toBe(502);
  await (await chat('an/cached-usage', true)).text();
  // The log is written off the request path: give it its flush.
  for (let i = 0; i < 50; i += 1) {
    const text = await readFile(logPath(), 'utf8').catch(() => '');
    if (text.trim().split('\n').length >= 6) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 30_000);

afterAll(async () => {
  await t.run(['stop']);
  await fake.close();
  await t.cleanup();
});

describe('request log, logs and usage', () => {
  it('writes one JSON line per request, 0600, with no content and no secrets', async () => {
    const text = await readFile(logPath(), 'utf8');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect((await stat(logPath())).mode & 0o777).toBe(0o600);
    expect(text).not.toMatch(/top secret|Hello from|llmr-master-key/);
    const fellBack = JSON.parse(lines[2]!);
    expect(fellBack).toMatchObject({ model: 'coding', route: 'coding', selected: 'an/cached-usage', fallback: true, status: 200 });
  });

  it('`logs` prints each request for a person, and filters by status and model', async () => {
    const r = await t.run(['logs']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[2]).toMatch(
      /200 coding -> an\/cached-usage {2}json \d+ ms {2}1200 in \(cache 900 read, 100 write\) \/ 40 out {2}\$0\.00185 {2}fallback {2}req_/,
    );
    const failed = await t.run(['logs', '--json', '--status=5xx']);
    const records = failed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 502, model: 'an/fail-500', selected: null });
    const byModel = await t.run(['logs', '--json', '--model=oa/ok']);
    expect(byModel.stdout.trim().split('\n')).toHaveLength(1);
    const bad = await t.run(['logs', '--since=yesterday-ish']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--since must be a duration/);
  });

  it('`usage` sums tokens and cost per group, exactly', async () => {
    const r = await t.run(['usage', '--json', '--by=provider']);
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout);
    const an = report.rows.find((row: { group: string }) => row.group === 'an');
    // Four answers from an/cached-usage (two direct, one via the alias, one streamed): 200 uncached, 900 cache read, 100 cache write, 40 out each.
    expect(an).toMatchObject({ requests: 4, errors: 0, fallbacks: 1, tokens: { input: 4800, output: 160, cacheRead: 3600, cacheWrite: 400, reasoning: 0 } });
    expect(an.cost).toBeCloseTo(4 * 0.001845, 8);
    expect(report.requests).toBe(6);
    const table = await t.run(['usage', '--by=alias']);
    expect(table.stdout).toMatch(/coding +1 +0% +100%/);
  });

  it('streams live records to a control-socket subscriber, and counts today in stats', async () => {
    const client = createDaemonClient({ env: { HOME: t.home }, cliPath: '', configPath: t.configPath });
    const seen: string[] = [];
    let ended = false;
    const sub = await client.subscribeRequests(
      (records) => seen.push(...records.map((r) => r.model ?? '')),
      () => {
        ended = true;
      },
    );
    expect(sub).toBeDefined();
    for (let i = 0; i < 50 && seen.length < 6; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(6); // the recent ones first
    expect((await chat('oa/ok')).status).toBe(200);
    for (let i = 0; i < 50 && seen.length < 7; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)).toBe('oa/ok');
    expect(ended).toBe(false);
    sub!.close();
    const stats = await client.stats();
    expect(stats?.today).toMatchObject({ requests: 7, errors: 1, fallbacks: 1 });
  });

  it('answers every response with an x-request-id, and guards /metrics with the master key', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/llm_router_requests_total\{client="openai-chat",route="coding",provider="an",model="an\/cached-usage",status="200"\} 1/);
    expect(text).toMatch(/llm_router_cost_usd_total\{provider="an",model="an\/cached-usage"\} 0\.00738/);
  });
});
