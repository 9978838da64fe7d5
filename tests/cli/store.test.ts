import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, providerArgs, type TempHome } from '../helpers/cli.js';

let t: TempHome;
beforeEach(async () => {
  t = await makeTempHome();
});
afterEach(() => t.cleanup());

const fixture = (name: string) => readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('config file safety through the CLI', () => {
  it('reports a corrupt config with its line and never overwrites it', async () => {
    const corrupt = '{\n  "version": 2,\n  "providers": [\n    { "id": "a", "models": ["m"] },,\n  ]\n}\n';
    await t.writeConfig(corrupt);
    for (const args of [['config', '--operation=list'], providerArgs('b'), ['config', '--operation=set-master-key', '--generate-master-key']]) {
      const r = await t.run(args);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`${t.configPath}:4:`);
      expect(r.stderr).toContain('is not valid JSON');
    }
    expect(await t.readConfigText()).toBe(corrupt);
  });

  it('reports an invalid config with line and field, and writes nothing', async () => {
    const text =
      '{\n  "version": 2,\n  "providers": [\n    {\n      "id": "a",\n      "baseUrl": "https://a.test",\n      "format": "openai",\n      "models": ["m"],\n      "rateLimits": [{ "id": "x", "models": ["all"], "requests": 5, "window": { "unit": "fortnight", "size": 1 } }]\n    }\n  ]\n}\n';
    await t.writeConfig(text);
    const r = await t.run(providerArgs('b'));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${t.configPath}:9:`);
    expect(r.stderr).toContain('providers[0].rateLimits[0].window.unit: must be one of second, minute, hour, day, week, month (got "fortnight")');
    expect(await t.readConfigText()).toBe(text);
  });

  it('lands all 8 of 8 concurrent writers, with a valid 0600 file and no leftovers', async () => {
    await t.run(providerArgs('base'));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2 === 0 ? t.run(providerArgs(`p${i}`)) : t.run(['config', '--operation=upsert-model-alias', `--alias-id=a${i}`, '--targets=base/m1']),
      ),
    );
    for (const r of results) expect(r).toMatchObject({ exitCode: 0 });
    const config = await t.readConfigJson();
    expect(config.providers.map((p: { id: string }) => p.id).sort()).toEqual(['base', 'p0', 'p2', 'p4', 'p6']);
    expect(Object.keys(config.modelAliases).sort()).toEqual(['a1', 'a3', 'a5', 'a7']);
    expect((await stat(t.configPath)).mode & 0o777).toBe(0o600);
    expect((await readdir(t.home)).sort()).toEqual(['.llm-router.json']);
  });
});

describe('seed 1.0.x config files', () => {
  it('a v2 file loads, is never rewritten by reads, and round-trips every field', async () => {
    const text = await fixture('seed-v2.json');
    await t.writeConfig(text);
    const before = await stat(t.configPath);
    const list = await t.run(['config', '--operation=list', '--json']);
    expect(list.exitCode).toBe(0);
    const summary = JSON.parse(list.stdout).result;
    expect(summary.providers.map((p: { id: string; enabled: boolean }) => [p.id, p.enabled])).toEqual([
      ['openRouter', true],
      ['zai', true],
      ['paused', false],
    ]);
    expect(summary.providers[0].models[2]).toMatchObject({ id: 'meta/llama-4', enabled: false });
    await t.run(['config', '--operation=list-routing']);
    expect(await t.readConfigText()).toBe(text);
    expect((await stat(t.configPath)).mtimeMs).toBe(before.mtimeMs);

    const r = await t.run(['config', '--operation=set-master-key', '--master-key=gw_a-brand-new-master-key-0123456789']);
    expect(r.exitCode).toBe(0);
    const expected = JSON.parse(text);
    expected.masterKey = 'gw_a-brand-new-master-key-0123456789';
    expect(await t.readConfigJson()).toEqual(expected);
    expect(Object.keys(await t.readConfigJson())).toEqual(Object.keys(expected));
  });

  it('a v1 file with alternate spellings loads as-is and is upgraded (with a backup) on its first write', async () => {
    const text = await fixture('seed-v1-alternate-keys.json');
    await t.writeConfig(text);
    const list = JSON.parse((await t.run(['config', '--operation=list', '--json'])).stdout).result;
    expect(list).toMatchObject({ version: 1, defaultModel: 'myProvider/gpt-4o', masterKey: 'gw_S...0123' });
    expect(list.providers[1]).toMatchObject({ id: 'claudeDirect', enabled: false, formats: ['claude'], apiKeyEnv: 'ANTHROPIC_API_KEY' });
    expect(await t.readConfigText()).toBe(text);

    const r = await t.run(['config', '--operation=upsert-model-alias', '--alias-id=main', '--targets=myProvider/gpt-4o']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Config upgraded from version 1 to 2.');
    const backups = await readdir(join(t.home, '.llm-router', 'backups'));
    expect(await readFile(join(t.home, '.llm-router', 'backups', backups[0]!), 'utf8')).toBe(text);
    expect(await t.readConfigJson()).toEqual({
      version: 2,
      masterKey: 'gw_Seed1MasterKey_abcdefghijklmnopqrstuvwxyz0123',
      defaultModel: 'myProvider/gpt-4o',
      providers: [
        {
          id: 'myProvider',
          name: 'My Provider',
          baseUrl: 'https://api.example.test/v1',
          apiKey: 'sk-seed-0123456789abcdef',
          format: 'openai',
          headers: { 'User-Agent': 'AICodeClient/1.0.0 (linux; x64) node/v20.11.0' },
          models: [{ id: 'gpt-4o' }, { id: 'gpt-4o-mini', contextWindow: 128000, fallbackModels: ['myProvider/gpt-4o'], cost: { input: 0.15 } }],
          customField: { keep: true },
          rateLimits: [],
        },
        {
          id: 'claudeDirect',
          name: 'Claude direct',
          enabled: false,
          baseUrl: 'https://api.anthropic.example.test',
          apiKeyEnv: 'ANTHROPIC_API_KEY',
          format: 'claude',
          auth: { type: 'x-api-key' },
          anthropicVersion: '2023-06-01',
          models: [{ id: 'claude-3-5-sonnet', enabled: false }],
          rateLimits: [],
        },
      ],
      installId: 'a1b2c3',
      modelAliases: { main: { strategy: 'ordered', targets: [{ ref: 'myProvider/gpt-4o' }] } },
    });
  });
});
