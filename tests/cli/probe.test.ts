/** upsert-provider with the live probe and discover-models, through the built CLI against fake providers. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { startProbeFake, type ProbeFake, type ProbeFakeOptions } from '../helpers/fake-probe-provider.js';

const KEY = 'sk-probe-secret-0123456789';
let t: TempHome;
let fake: ProbeFake | undefined;
beforeEach(async () => {
  t = await makeTempHome();
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  await t.cleanup();
});

async function serve(options: Partial<ProbeFakeOptions> & Pick<ProbeFakeOptions, 'formats' | 'models'>) {
  fake = await startProbeFake({ key: KEY, ...options });
  return fake;
}

const upsert = (...flags: string[]) => ['config', '--operation=upsert-provider', '--probe-rpm=6000', ...flags];

describe('upsert-provider probes the provider', () => {
  it('from a fresh HOME: a preset and a key discover the models, confirm their formats and save', async () => {
    const f = await serve({ formats: { claude: '/v1' }, auth: 'x-api-key', models: ['claude-sonnet-4-5', 'claude-haiku-4-5'] });
    const r = await t.run(upsert('--preset=anthropic', `--base-url=${f.url}`, `--api-key=${KEY}`, '--json'));
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.result.providerId).toBe('anthropic');
    expect(doc.result.probe.confirmed).toEqual([
      { model: 'claude-sonnet-4-5', format: 'claude' },
      { model: 'claude-haiku-4-5', format: 'claude' },
    ]);
    const saved = (await t.readConfigJson()).providers[0];
    expect(saved).toMatchObject({ id: 'anthropic', name: 'Anthropic', baseUrl: f.url, format: 'claude', formats: ['claude'], apiKey: KEY });
    expect(saved.models).toEqual([
      { id: 'claude-sonnet-4-5', formats: ['claude'] },
      { id: 'claude-haiku-4-5', formats: ['claude'] },
    ]);
    expect(saved.authByFormat).toBeUndefined(); // x-api-key is the default for claude
    // The 1-token confirmations really went out, with the Anthropic headers.
    const posts = f.requests.filter((q) => q.method === 'POST' && q.body?.model?.startsWith('claude-'));
    expect(posts.map((q) => [q.body.model, q.body.max_tokens])).toEqual([
      ['claude-sonnet-4-5', 1],
      ['claude-haiku-4-5', 1],
    ]);
    expect(posts[0]!.headers['anthropic-version']).toBe('2023-06-01');
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });

  it('finds OpenAI and Anthropic on different paths of several endpoints, and stores each model its format', async () => {
    const f = await serve({ formats: { openai: '/openai/v1', claude: '/anthropic/v1' }, auth: 'any', models: ['gpt-5', 'claude-opus-4'] });
    const r = await t.run(
      upsert('--provider-id=both', `--endpoints=${f.url}/anthropic,${f.url}/openai/v1`, `--api-key=${KEY}`, '--models=gpt-5,claude-opus-4'),
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain(`[probe] openai at ${f.url}/openai/v1: spoken (auth bearer)`);
    expect(r.stderr).toContain(`[probe] claude at ${f.url}/anthropic: spoken (auth x-api-key)`);
    expect(r.stderr).toMatch(/\[probe\] responses at .*: not spoken \(format-mismatch/);
    const saved = (await t.readConfigJson()).providers[0];
    expect(saved.baseUrlByFormat).toEqual({ openai: `${f.url}/openai/v1`, claude: `${f.url}/anthropic` });
    expect(saved.formats).toEqual(['openai', 'claude']);
    expect(saved.models).toEqual([
      { id: 'gpt-5', formats: ['openai'] },
      { id: 'claude-opus-4', formats: ['claude'] },
    ]);
  });

  it.each([
    ['bearer', 'openai', undefined],
    ['x-api-key', 'openai', { openai: { type: 'x-api-key' } }],
    ['bearer', 'claude', { claude: { type: 'bearer' } }],
    ['x-api-key', 'claude', undefined],
  ] as const)('detects %s-only auth on an endpoint speaking %s', async (auth, format, stored) => {
    const f = await serve({ formats: { [format]: '/v1' }, auth, models: ['m1'] });
    const r = await t.run(upsert('--provider-id=p', `--base-url=${f.url}/v1`, `--api-key=${KEY}`, '--models=m1'));
    expect(r.exitCode, r.stderr).toBe(0);
    const saved = (await t.readConfigJson()).providers[0];
    expect(saved.authByFormat).toEqual(stored);
    expect(saved.formats).toEqual([format]);
    expect(saved.models).toEqual([{ id: 'm1', formats: [format] }]);
  });

  it('a wrong key is an auth error: exit 2, nothing written', async () => {
    const f = await serve({ formats: { openai: '/v1' }, models: ['m1'] });
    const r = await t.run(upsert('--provider-id=p', `--base-url=${f.url}/v1`, '--api-key=sk-wrong-key-000000', '--models=m1', '--json'));
    expect(r.exitCode).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.code).toBe('PROBE_FAILED');
    expect(doc.error.details.join('\n')).toMatch(/format openai .*: auth/);
    await expect(t.readConfigText()).rejects.toThrow();
  });

  it('partial results save nothing without --accept-partial (config byte-identical), and the confirmed part with it', async () => {
    const f = await serve({ formats: { openai: '/v1' }, models: ['good', 'refused'], refused: ['refused'] });
    await t.run(upsert('--provider-id=keep', `--base-url=${f.url}/v1`, `--api-key=${KEY}`, '--models=good'));
    const before = await t.readConfigText();
    const r = await t.run(upsert('--provider-id=p', `--base-url=${f.url}/v1`, `--api-key=${KEY}`, '--models=good,refused,ghost'));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('partly failed (1 of 3 model(s) confirmed); nothing saved');
    expect(r.stderr).toMatch(/model refused: model-unsupported/);
    expect(r.stderr).toMatch(/model ghost: model-unsupported/);
    expect(await t.readConfigText()).toBe(before);
    const ok = await t.run(upsert('--provider-id=p', `--base-url=${f.url}/v1`, `--api-key=${KEY}`, '--models=good,refused', '--accept-partial=true'));
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('warning: not saved: model refused (model-unsupported)');
    expect((await t.readConfigJson()).providers[1].models).toEqual([{ id: 'good', formats: ['openai'] }]);
  });

  it('--models=all and globs select from a listing of 300 (Anthropic pages of 100)', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => (i % 100 === 7 ? `claude-x-${i}` : `other-${i}`));
    const f = await serve({ formats: { claude: '/v1' }, auth: 'x-api-key', models: ids, pageSize: 100 });
    const r = await t.run(upsert('--provider-id=a', `--claude-base-url=${f.url}`, `--api-key=${KEY}`, '--models=claude-*', '--json'));
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.result.probe.listed).toBe(300);
    expect(doc.result.models).toEqual(['claude-x-7', 'claude-x-107', 'claude-x-207']);
    const pages = f.requests.filter((q) => q.method === 'GET').map((q) => q.path);
    expect(pages).toEqual(['/v1/models', '/v1/models?after_id=other-99&limit=1000', '/v1/models?after_id=other-199&limit=1000']);
    // Without --models, 300 listed models are too many to confirm implicitly.
    const none = await t.run(upsert('--provider-id=b', `--claude-base-url=${f.url}`, `--api-key=${KEY}`));
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('the provider lists 300 models');
  });

  it('waits out a 429 with Retry-After mid-probe and goes on', async () => {
    const f = await serve({ formats: { openai: '/v1' }, models: ['a', 'b', 'c'], rateLimitAt: [3], retryAfter: '1' });
    const started = Date.now();
    const r = await t.run(upsert('--provider-id=p', `--base-url=${f.url}/v1`, `--api-key=${KEY}`, '--models=a,b,c', '--formats=openai', '--json-progress'));
    expect(r.exitCode, r.stderr).toBe(0);
    const events = r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    const wait = events.find((e) => e.type === 'rate-limit-wait');
    expect(wait).toMatchObject({ event: 'probe', waitMs: 1000, attempt: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(events.filter((e) => e.type === 'model').map((e) => [e.model, e.confirmed])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'done', ok: true, confirmed: 3, failed: 0 });
  });

  it('paces requests with --probe-rpm', async () => {
    const f = await serve({ formats: { openai: '/v1' }, models: ['a', 'b'] });
    const r = await t.run([
      'config',
      '--operation=upsert-provider',
      '--probe-rpm=60',
      '--provider-id=p',
      `--base-url=${f.url}/v1`,
      `--api-key=${KEY}`,
      '--models=a,b',
      '--formats=openai',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    // 60/min allows a burst of 6 (a tenth of a minute): the 4 requests go out at once.
    const at = f.requests.map((q) => q.at);
    expect(at.length).toBe(4);
    expect(at[3]! - at[0]!).toBeLessThan(900);
    const r2 = await t.run([
      'config',
      '--operation=upsert-provider',
      '--probe-rpm=12',
      '--provider-id=q',
      `--base-url=${f.url}/v1`,
      `--api-key=${KEY}`,
      '--models=a',
      '--formats=openai',
    ]);
    expect(r2.exitCode, r2.stderr).toBe(0);
    // 12/min: a burst of one, then one every 5 s (format check, model list, 1-token request).
    const later = f.requests.slice(4).map((q) => q.at);
    expect(later.length).toBe(3);
    expect(later[1]! - later[0]!).toBeGreaterThanOrEqual(4_500);
    expect(later[2]! - later[1]!).toBeGreaterThanOrEqual(4_500);
  }, 30_000);

  it('a slow endpoint times out: exit 1, nothing written', async () => {
    const f = await serve({ formats: { openai: '/v1' }, models: ['a'], slowMs: 2000 });
    const r = await t.run(upsert('--provider-id=p', `--base-url=${f.url}/v1`, `--api-key=${KEY}`, '--models=a', '--formats=openai', '--probe-timeout-ms=200'));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('found no format it speaks');
    expect(r.stderr).toContain('timeout (no answer within 200 ms)');
    await expect(t.readConfigText()).rejects.toThrow();
  });

  it('an endpoint answering HTML is not taken for an API', async () => {
    const f = await serve({ formats: { openai: '/v1' }, models: ['a'], html: true });
    const r = await t.run(upsert('--provider-id=p', `--base-url=${f.url}/v1`, `--api-key=${KEY}`, '--models=a', '--json'));
    expect(r.exitCode).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.code).toBe('PROBE_FAILED');
    expect(doc.error.details.join('\n')).toContain('non-json (HTTP 200 with an HTML page, not JSON)');
  });

  it('an unreachable endpoint is a runtime failure (exit 1); bad input fails before any request', async () => {
    const r = await t.run(upsert('--provider-id=p', '--base-url=http://127.0.0.1:9/v1', `--api-key=${KEY}`, '--models=a'));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/network/);
    const f = await serve({ formats: { openai: '/v1' }, models: ['a'] });
    const bad = await t.run(upsert('--provider-id=p', `--base-url=${f.url}/v1`, `--api-key=${KEY}`, '--api-key-env=X', '--models=a'));
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('give --api-key or --api-key-env, not both');
    const preset = await t.run(upsert('--preset=nope', `--api-key=${KEY}`));
    expect(preset.exitCode).toBe(2);
    expect(preset.stderr).toContain('unknown preset "nope"; presets: openrouter, anthropic');
    expect(f.requests).toEqual([]);
  });
});

describe('discover-models', () => {
  it('lists added and removed models; --apply adds new ones and disables (not deletes) the gone ones', async () => {
    const f = await serve({ formats: { openai: '/v1' }, models: ['a', 'b'] });
    expect((await t.run(upsert('--provider-id=p', `--base-url=${f.url}/v1`, `--api-key=${KEY}`, '--models=a,b'))).exitCode).toBe(0);
    await t.run(['config', '--operation=upsert-model-alias', '--alias-id=fast', '--targets=p/b']);
    await f.close();
    fake = await startProbeFake({ key: KEY, formats: { openai: '/v1' }, models: ['a', 'c'] });
    const cfg = await t.readConfigJson();
    cfg.providers[0].baseUrl = `${fake.url}/v1`;
    await t.writeConfig(cfg);
    const before = await t.readConfigText();
    const dry = await t.run(['config', '--operation=discover-models', '--provider-id=p', '--json']);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).result).toMatchObject({ added: ['c'], removed: ['b'], unchanged: ['a'], applied: false });
    expect(await t.readConfigText()).toBe(before);
    const applied = await t.run(['config', '--operation=discover-models', '--provider-id=p', '--apply']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('applied: 1 added, 1 disabled');
    const models = (await t.readConfigJson()).providers[0].models;
    expect(models.map((m: any) => [m.id, m.enabled])).toEqual([
      ['a', undefined],
      ['b', false],
      ['c', undefined],
    ]);
    expect((await t.readConfigJson()).modelAliases.fast.targets).toEqual([{ ref: 'p/b' }]);
  });
});
