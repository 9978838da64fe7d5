import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeTempHome, type TempHome } from '../helpers/cli.js';

const ANSI = /\u001b\[/;
let t: TempHome;
beforeAll(async () => {
  t = await makeTempHome();
});
afterAll(() => t.cleanup());

describe('CLI basics', () => {
  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const r = await t.run(['--version']);
    expect(r).toMatchObject({ exitCode: 0, stdout: pkg.version, stderr: '' });
  });

  it('prints help with no arguments when there is no terminal', async () => {
    const r = await t.run([]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: llm-router <command>');
    expect(r.stdout).toContain('config');
  });

  it('lists every operation with its flags in config --help', async () => {
    const r = await t.run(['config', '--help']);
    expect(r.exitCode).toBe(0);
    for (const op of [
      'upsert-provider',
      'remove-provider',
      'remove-model',
      'set-model-fallbacks',
      'set-model-pricing',
      'upsert-model-alias',
      'remove-model-alias',
      'set-provider-rate-limits',
      'set-master-key',
      'migrate-config',
      'discover-models',
      'list',
      'list-routing',
    ]) {
      expect(r.stdout).toContain(`  ${op}`);
    }
    for (const flag of [
      '--provider-id',
      '--base-url',
      '--api-key-env',
      '--fallback-models',
      '--targets',
      '--fallback-targets',
      '--bucket-window',
      '--remove-bucket',
      '--generate-master-key',
      '--target-version',
    ]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('shows one operation with --operation=X --help, by seed alias too', async () => {
    const r = await t.run(['config', '--operation=set-rate-limits', '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('set-provider-rate-limits');
    expect(r.stdout).toContain('--bucket-requests=N');
    expect(r.stdout).not.toContain('upsert-model-alias');
  });

  it('exits 2 on an unknown command, operation or flag, naming it', async () => {
    const cmd = await t.run(['frobnicate']);
    expect(cmd.exitCode).toBe(2);
    expect(cmd.stderr).toContain('unknown command "frobnicate"');
    const op = await t.run(['config', '--operation=add-thing']);
    expect(op.exitCode).toBe(2);
    expect(op.stderr).toContain('unknown operation "add-thing"');
    const flag = await t.run(['config', '--operation=remove-provider', '--provider=x']);
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toContain('unknown option --provider for --operation=remove-provider');
  });

  it('daemon commands say when nothing is running (status and reload exit 3, stop exits 0)', async () => {
    const status = await t.run(['status']);
    expect(status).toMatchObject({ exitCode: 3, stdout: expect.stringContaining('llm-router is not running') });
    expect(JSON.parse((await t.run(['status', '--json'])).stdout)).toEqual({ running: false });
    expect((await t.run(['reload'])).exitCode).toBe(3);
    expect(await t.run(['stop'])).toMatchObject({ exitCode: 0, stdout: 'llm-router is not running.' });
  });

  it('lists the startup-service operations in config --help and rejects their unknown flags', async () => {
    const help = await t.run(['config', '--help']);
    for (const op of ['startup-install', 'startup-status', 'startup-uninstall']) expect(help.stdout).toContain(`  ${op}`);
    const bad = await t.run(['config', '--operation=startup-status', '--port=1']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('unknown option --port for --operation=startup-status');
  });

  it('never colours output that is not a terminal, even without NO_COLOR', async () => {
    const ok = await t.run(['config', '--operation=list'], { NO_COLOR: '' });
    const bad = await t.run(['config', '--operation=remove-provider', '--provider-id=x'], { NO_COLOR: '' });
    expect(ok.stdout).not.toMatch(ANSI);
    expect(bad.stderr).not.toMatch(ANSI);
    expect(bad.stderr).toMatch(/^error: /);
  });

  it('prints exactly one JSON document on stdout with --json, errors included', async () => {
    const ok = await t.run(['config', '--operation=list', '--json']);
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, operation: 'list', written: false, result: { providers: [], aliases: [] } });
    const bad = await t.run(['config', '--operation=remove-provider', '--provider-id=x', '--json']);
    expect(bad.exitCode).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'unknown provider "x"' } });
  });

  it('accepts --key value, bare booleans and yes/no/on/off, and the seed --op alias', async () => {
    const r = await t.run(['config', '--op', 'set-master-key', '--generate-master-key', '--json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).result.generated).toBe(true);
    const off = await t.run(['config', '--operation=migrate-config', '--create-backup=off', '--json']);
    expect(off.exitCode).toBe(0);
    const nonsense = await t.run(['config', '--operation=migrate-config', '--create-backup=maybe']);
    expect(nonsense.exitCode).toBe(2);
    expect(nonsense.stderr).toContain('--create-backup expects true or false');
  });
});

describe('first run', () => {
  it('says what to do next when there is no config yet, and after one exists', async () => {
    const home = await makeTempHome();
    try {
      const before = await home.run([]);
      expect(before.stdout).toContain(`No providers yet (${home.configPath}). Next, add one:`);
      expect(before.stdout).toContain('--operation=upsert-provider');
      await home.run(['config', '--operation=set-master-key', '--generate-master-key']);
      const after = await home.run([]);
      expect(after.stdout).toContain(`Config: ${home.configPath}. See it with: llm-router config --operation=list`);
    } finally {
      await home.cleanup();
    }
  });
});
