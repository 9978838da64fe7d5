import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, providerArgs, type TempHome } from '../helpers/cli.js';

let t: TempHome;
beforeEach(async () => {
  t = await makeTempHome();
});
afterEach(() => t.cleanup());

async function ok(args: string[]) {
  const r = await t.run(args);
  expect(r.stderr.replace(/^warning: .*\n/gm, '')).toBe('');
  expect(r.exitCode).toBe(0);
  return r;
}

describe('every operation through the built CLI', () => {
  it('builds a whole setup and lists it with every secret masked', async () => {
    await ok(providerArgs('openAI'));
    await ok([
      'config',
      '--operation=add-provider',
      '--name=Claude Direct',
      '--claude-base-url=https://api.anthropic.test',
      '--api-key-env=ANTHROPIC_API_KEY',
      '--models=sonnet,haiku',
      '--format=anthropic',
      '--skip-probe=true',
    ]);
    await ok(['config', '--operation=set-model-fallbacks', '--provider-id=openAI', '--model=m1', '--fallback-models=claude-direct/sonnet,openAI/m2']);
    await ok([
      'config',
      '--operation=upsert-model-alias',
      '--alias-id=coding',
      '--strategy=weighted-rr',
      '--targets=openAI/m1@3,claude-direct/sonnet@1',
      '--fallback-targets=claude-direct/haiku',
    ]);
    await ok([
      'config',
      '--operation=set-provider-rate-limits',
      '--provider-id=openAI',
      '--bucket-name=minute cap',
      '--bucket-models=all',
      '--bucket-requests=40',
      '--bucket-window=minute:1',
    ]);
    await ok([
      'config',
      '--operation=set-provider-rate-limits',
      '--provider-id=openAI',
      '--bucket-name=six hours',
      '--bucket-models=m1',
      '--bucket-requests=600',
      '--bucket-window=hour:6',
    ]);
    const key = await ok(['config', '--operation=set-master-key', '--generate-master-key=true']);
    const masterKey = /\n {2}(gw_[A-Za-z0-9_-]+)\n/.exec(key.stdout)?.[1];
    expect(masterKey).toHaveLength(48);

    const file = await t.readConfigJson();
    expect(file.masterKey).toBe(masterKey);
    expect(file.defaultModel).toBe('openAI/m1');
    expect(file.providers.map((p: { id: string }) => p.id)).toEqual(['openAI', 'claude-direct']);
    expect(file.providers[0].models[0]).toEqual({ id: 'm1', fallbackModels: ['claude-direct/sonnet', 'openAI/m2'] });
    expect(file.providers[0].rateLimits.map((b: { id: string }) => b.id)).toEqual(['minute-cap', 'six-hours']);
    expect(file.modelAliases.coding).toEqual({
      strategy: 'weighted-rr',
      targets: [
        { ref: 'openAI/m1', weight: 3 },
        { ref: 'claude-direct/sonnet', weight: 1 },
      ],
      fallbackTargets: [{ ref: 'claude-direct/haiku' }],
    });

    for (const args of [
      ['config', '--operation=list'],
      ['config', '--operation=list', '--json'],
      ['config', '--operation=list-routing'],
      ['config', '--operation=list-routing', '--json'],
      ['config'],
    ]) {
      const r = await ok(args);
      expect(r.stdout).not.toContain(masterKey);
      expect(r.stdout).not.toContain('sk-openAI-secret-0123456789');
    }
    const list = JSON.parse((await ok(['config', '--operation=list', '--json'])).stdout).result;
    expect(list.masterKey).toBe(`${masterKey!.slice(0, 4)}...${masterKey!.slice(-4)}`);
    expect(list.providers[0].apiKey).toBe('sk-o...6789');
    expect(list.providers[1].apiKeyEnv).toBe('ANTHROPIC_API_KEY');
    const routing = JSON.parse((await ok(['config', '--operation=list-routing', '--json'])).stdout).result;
    expect(routing.aliases[0]).toMatchObject({ id: 'coding', strategy: 'weighted-rr' });
    expect(routing.routes.find((r: { ref: string }) => r.ref === 'openAI/m1').buckets.map((b: { id: string }) => b.id)).toEqual(['minute-cap', 'six-hours']);
    const human = (await ok(['config', '--operation=list-routing'])).stdout;
    expect(human).toContain('coding  strategy=weighted-rr');
    expect(human).toContain('openAI/m1 -> claude-direct/sonnet -> openAI/m2');

    await ok(['config', '--operation=set-provider-rate-limits', '--provider-id=openAI', '--remove-bucket=true', '--bucket-id=six-hours']);
    await ok(['config', '--operation=remove-model-alias', '--alias-id=coding']);
    await ok(['config', '--operation=remove-model', '--provider-id=openAI', '--model=m2']);
    const removed = await ok(['config', '--operation=remove-provider', '--provider-id=claude-direct']);
    expect(removed.stdout).toContain('removed from the fallbacks of openAI/m1');
    const end = await t.readConfigJson();
    expect(end.modelAliases).toEqual({});
    expect(end.providers).toHaveLength(1);
    expect(end.providers[0].models).toEqual([{ id: 'm1' }]);
    expect(end.providers[0].rateLimits.map((b: { id: string }) => b.id)).toEqual(['minute-cap']);
  });

  it('returns every operation result as JSON', async () => {
    const created = JSON.parse((await ok([...providerArgs('p'), '--json'])).stdout);
    expect(created).toMatchObject({
      ok: true,
      operation: 'upsert-provider',
      written: true,
      result: { action: 'created', providerId: 'p', apiKey: 'sk-*** (22 chars)' },
    });
    const again = JSON.parse((await ok([...providerArgs('p'), '--json'])).stdout);
    expect(again).toMatchObject({ written: false, result: { action: 'updated' } });
    const key = JSON.parse((await ok(['config', '--operation=set-master-key', '--master-key=abc-this-is-a-long-enough-key-42', '--json'])).stdout);
    expect(key.result).toEqual({ generated: false, masterKey: 'abc-...y-42' });
  });

  it('migrate-config backs up a v1 file under ~/.llm-router/backups and upgrades it', async () => {
    await t.writeConfig({ providers: [{ id: 'a', baseUrl: 'https://a.test', format: 'openai', models: ['m'] }] });
    const before = await t.readConfigText();
    const r = await ok(['config', '--operation=migrate-config', '--target-version=2']);
    expect(r.stdout).toContain('from version 1 to 2');
    const backups = await readdir(join(t.home, '.llm-router', 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^\.llm-router\.json\.\d{8}-\d{6}\.bak$/);
    expect(r.stdout).toContain(backups[0]);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(join(t.home, '.llm-router', 'backups', backups[0]!), 'utf8')).toBe(before);
    expect((await t.readConfigJson()).version).toBe(2);
    const again = await ok(['config', '--operation=migrate-config']);
    expect(again.stdout).toContain('Config is at version 2; nothing to do');
    expect(await readdir(join(t.home, '.llm-router', 'backups'))).toHaveLength(1);
    const tooFar = await t.run(['config', '--operation=migrate-config', '--target-version=3']);
    expect(tooFar.exitCode).toBe(2);
    expect(tooFar.stderr).toContain('no migration path to version 3');
  });

  it('creates the config with mode 0600 and honours --config', async () => {
    await ok(providerArgs('p'));
    expect((await stat(t.configPath)).mode & 0o777).toBe(0o600);
    const other = join(t.home, 'elsewhere', 'router.json');
    await ok([...providerArgs('q'), `--config=${other}`]);
    expect((await stat(other)).mode & 0o777).toBe(0o600);
    const list = JSON.parse((await ok(['config', '--operation=list', '--json', '--config', other])).stdout);
    expect(list.result.providers.map((p: { id: string }) => p.id)).toEqual(['q']);
  });
});
