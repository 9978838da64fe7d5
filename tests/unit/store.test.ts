import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig, updateConfig } from '../../src/config/store.js';
import { RouterError } from '../../src/errors/router-error.js';
import type { Config } from '../../src/config/schema.js';

let home: string;
let path: string;
const env = () => ({ HOME: home });

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'llm-router-store-'));
  path = join(home, '.llm-router.json');
});
afterEach(() => rm(home, { recursive: true, force: true }));

const provider = (id: string) => ({ id, baseUrl: `https://${id}.test/v1`, format: 'openai' as const, models: [{ id: 'm' }], rateLimits: [] });
const addProvider = (id: string) => (s: { config: Config }) => ({ config: { ...s.config, providers: [...s.config.providers, provider(id)] }, value: id });

describe('config store', () => {
  it('reads a missing file as the empty config without creating it', async () => {
    const snapshot = await readConfig(path);
    expect(snapshot).toMatchObject({ exists: false, config: { version: 2, providers: [] } });
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never rewrites a file it only reads, even one it would normalize', async () => {
    const text = '{"providers":[{"id":"myProvider","base-url":"https://x.test","format":"openai","models":["a"]}]}';
    await writeFile(path, text, { mode: 0o644 });
    const before = await stat(path);
    const snapshot = await readConfig(path);
    expect(snapshot.config.providers[0]).toMatchObject({ id: 'myProvider', baseUrl: 'https://x.test' });
    const after = await stat(path);
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.mode & 0o777).toBe(0o644);
  });

  it('writes atomically with mode 0600 and leaves no temp files', async () => {
    await writeFile(path, '{"version":2,"providers":[]}', { mode: 0o644 });
    await chmod(path, 0o644);
    await updateConfig(path, addProvider('a'), { env: env() });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readdir(home)).filter((f) => f !== 'backups')).toEqual(['.llm-router.json']);
    expect(JSON.parse(await readFile(path, 'utf8')).providers.map((p: { id: string }) => p.id)).toEqual(['a']);
  });

  it('does not write when the change is a no-op', async () => {
    await updateConfig(path, addProvider('a'), { env: env() });
    const before = await stat(path);
    const result = await updateConfig(path, (s) => ({ config: structuredClone(s.config), value: null }), { env: env() });
    expect(result.written).toBe(false);
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
  });

  it('refuses to touch a corrupt file and reports where it breaks', async () => {
    const corrupt = '{\n  "version": 2,\n  "providers": [\n';
    await writeFile(path, corrupt);
    const error = await updateConfig(path, addProvider('a'), { env: env() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterError);
    expect(error).toMatchObject({ code: 'CONFIG_PARSE', line: 4 });
    expect(await readFile(path, 'utf8')).toBe(corrupt);
  });

  it('refuses a change that would make the config invalid, leaving the file as it was', async () => {
    await updateConfig(path, addProvider('a'), { env: env() });
    const text = await readFile(path, 'utf8');
    const error = await updateConfig(path, addProvider('a'), { env: env() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', path: 'providers[1].id' });
    expect((error as Error).message).toContain('duplicate provider id "a"');
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('serialises concurrent writers so none is lost', async () => {
    const ids = Array.from({ length: 24 }, (_, i) => `p${i}`);
    await Promise.all(ids.map((id) => updateConfig(path, addProvider(id), { env: env() })));
    const written = JSON.parse(await readFile(path, 'utf8')).providers.map((p: { id: string }) => p.id);
    expect([...written].sort()).toEqual([...ids].sort());
  });

  it('migrates a v1 file on its first write, after a timestamped backup', async () => {
    const v1 = '{"providers":[{"id":"a","baseUrl":"https://a.test","format":"openai","models":["m"]}]}';
    await writeFile(path, v1);
    const result = await updateConfig(path, (s) => ({ config: { ...s.config, masterKey: 'k'.repeat(32) }, value: null }), {
      env: env(),
      now: () => new Date('2026-11-23T10:11:12Z'),
    });
    expect(result.migratedFrom).toBe(1);
    expect(result.backupPath).toBe(join(home, '.llm-router', 'backups', '.llm-router.json.20261123-101112.bak'));
    expect(await readFile(result.backupPath!, 'utf8')).toBe(v1);
    expect((await stat(result.backupPath!)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home, '.llm-router'))).mode & 0o777).toBe(0o700);
    const written = JSON.parse(await readFile(path, 'utf8'));
    expect(written).toMatchObject({ version: 2, modelAliases: {}, providers: [{ id: 'a', rateLimits: [] }] });
  });

  it('takes over a lock left behind by a crashed writer', async () => {
    const lock = `${path}.lock`;
    await mkdir(lock);
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    await updateConfig(path, addProvider('a'), { env: env() });
    expect(JSON.parse(await readFile(path, 'utf8')).providers).toHaveLength(1);
    await expect(stat(lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
