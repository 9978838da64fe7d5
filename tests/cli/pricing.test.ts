/**
 * `config --operation=set-model-pricing` through the built CLI: set, several models, all,
 * clear, --json, refusals (exit 2, flag named, nothing written), and a running daemon
 * picking the prices up live so cost appears in the request log.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempHome, providerArgs, type TempHome } from '../helpers/cli.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { freePort } from '../helpers/free-port.js';

const op = (...flags: string[]) => ['config', '--operation=set-model-pricing', ...flags];
const modelsOf = async (t: TempHome, provider: string) =>
  ((await t.readConfigJson()).providers as any[]).find((p) => p.id === provider).models as { id: string; pricing?: unknown }[];

describe('set-model-pricing', () => {
  let t: TempHome;
  beforeAll(async () => {
    t = await makeTempHome();
    expect((await t.run(providerArgs('openAI'))).exitCode).toBe(0);
  });
  afterAll(() => t.cleanup());

  it('sets, reports as JSON, prices several models or all, and clears', async () => {
    const r = await t.run(op('--provider-id=openAI', '--model=m1', '--input=3', '--output=15', '--cache-read=0.3', '--cache-write=3.75', '--json'));
    expect(r.exitCode, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      ok: true,
      operation: 'set-model-pricing',
      result: { models: [{ model: 'openAI/m1', pricing: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } }] },
    });
    expect((await modelsOf(t, 'openAI'))[0]!.pricing).toEqual({ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
    expect((await modelsOf(t, 'openAI'))[1]!.pricing).toBeUndefined();

    const human = await t.run(op('--provider-id=openAI', '--model=all', '--input=0.4', '--output=1.6'));
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stdout).toContain('Pricing of openAI/m1: $0.4/M in, $1.6/M out');
    expect(human.stdout).toContain('Pricing of openAI/m2: $0.4/M in, $1.6/M out');
    // Setting replaces the prices: the cache prices given before are gone (they default to the input price).
    expect((await modelsOf(t, 'openAI')).map((m) => m.pricing)).toEqual([
      { input: 0.4, output: 1.6 },
      { input: 0.4, output: 1.6 },
    ]);

    const cleared = await t.run(op('--provider-id=openAI', '--models=m1,m2', '--clear-pricing=true'));
    expect(cleared.exitCode, cleared.stderr).toBe(0);
    expect(cleared.stdout).toContain('Cleared the pricing of openAI/m2');
    expect((await modelsOf(t, 'openAI')).some((m) => 'pricing' in m)).toBe(false);
  });

  it('is listed in config --help with its flags', async () => {
    const r = await t.run(['config', '--help']);
    expect(r.stdout).toContain('  set-model-pricing');
    for (const flag of ['--input', '--output', '--cache-read', '--cache-write', '--clear-pricing']) expect(r.stdout).toContain(flag);
  });

  it.each([
    ['a price that is not a number', ['--model=m1', '--input=cheap', '--output=1'], '--input expects a number, got "cheap"'],
    ['a negative price', ['--model=m1', '--input=1', '--output=-2'], '--output: must be >= 0'],
    ['an infinite price', ['--model=m1', '--input=1', '--output=2', '--cache-read=Infinity'], '--cache-read expects a number'],
    ['a price above the schema bound', ['--model=m1', '--input=1', '--output=2', '--cache-write=1e9'], '--cache-write: must be at most 100000'],
    ['no output price', ['--model=m1', '--input=1'], '--output=USD is required'],
    ['prices and clear together', ['--model=m1', '--input=1', '--output=1', '--clear-pricing'], 'not both'],
    ['no model', ['--input=1', '--output=1'], '--model: is required'],
    ['an unknown model', ['--model=m9', '--input=1', '--output=1'], 'provider "openAI" has no model "m9" (known: m1, m2)'],
    ['a provider id in the wrong case', ['--model=m1', '--input=1', '--output=1', '--provider-id=openai'], 'did you mean "openAI"?'],
    ['an unknown flag', ['--model=m1', '--input=1', '--output=1', '--cache-reads=1'], 'did you mean --cache-read'],
  ])('refuses %s with exit 2, writing nothing', async (_what, flags, message) => {
    const before = await t.readConfigText();
    const mtime = (await stat(t.configPath)).mtimeMs;
    const args = flags.some((f) => f.startsWith('--provider-id')) ? flags : ['--provider-id=openAI', ...flags];
    const r = await t.run(op(...args));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
    expect(await t.readConfigText()).toBe(before);
    expect((await stat(t.configPath)).mtimeMs).toBe(mtime);
  });
});

describe('a running daemon picks up new prices live', () => {
  let t: TempHome;
  let fake: FakeProvider;
  let port: number;
  const logPath = () => join(t.home, '.llm-router', 'requests.jsonl');
  const chat = () =>
    fetch(`http://127.0.0.1:${port}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'an/cached-usage', messages: [{ role: 'user', content: 'hi' }] }),
    });
  const records = async (n: number) => {
    for (let i = 0; i < 100; i += 1) {
      const lines = (await readFile(logPath(), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
      if (lines.length >= n) return lines.map((l) => JSON.parse(l));
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the request log never reached ${n} records`);
  };

  beforeAll(async () => {
    t = await makeTempHome();
    fake = await startFakeProvider();
    port = await freePort();
    await t.writeConfig({ version: 2, providers: [{ id: 'an', baseUrl: fake.url, format: 'claude', models: [{ id: 'cached-usage' }] }] });
    const started = await t.run(['start', `--port=${port}`]);
    expect(started.exitCode, started.stderr).toBe(0);
  }, 30_000);
  afterAll(async () => {
    await t.run(['stop']);
    await fake.close();
    await t.cleanup();
  });

  it('logs no cost before pricing, the exact cost after set-model-pricing, without a restart', async () => {
    const pid = JSON.parse((await t.run(['status', '--json'])).stdout).pid;
    expect((await chat()).status).toBe(200);
    const [before] = await records(1);
    expect(before.cost).toBeNull();
    // Usage of "cached-usage" (Anthropic): 200 uncached input, 900 cache read, 100 cache write, 40 output.
    expect(before.tokens).toMatchObject({ input: 1200, cacheRead: 900, cacheWrite: 100, output: 40 });

    const set = await t.run(op('--provider-id=an', '--model=cached-usage', '--input=3', '--output=15', '--cache-read=0.3', '--cache-write=3.75'));
    expect(set.exitCode, set.stderr).toBe(0);
    // The config watcher applies it: poll until a request is priced.
    let priced: any;
    for (let i = 2; i < 40 && !priced; i += 1) {
      expect((await chat()).status).toBe(200);
      const last = (await records(i)).at(-1);
      if (last.cost !== null) priced = last;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(priced, 'no request was priced after set-model-pricing').toBeDefined();
    expect(priced.cost).toBeCloseTo((200 * 3 + 900 * 0.3 + 100 * 3.75 + 40 * 15) / 1e6, 8);
    expect(JSON.parse((await t.run(['status', '--json'])).stdout).pid).toBe(pid);
    const usage = JSON.parse((await t.run(['usage', '--json'])).stdout);
    expect(JSON.stringify(usage)).toContain('cached-usage');
  }, 30_000);
});
