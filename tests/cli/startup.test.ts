/**
 * The startup-service operations, black-box: the built CLI in a temporary HOME with a fake
 * `systemctl` first on PATH that records every call, so nothing touches the real system.
 */
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeTempHome, type TempHome } from '../helpers/cli.js';

let t: TempHome;
let bin: string;
let calls: string;
const env = () => ({ PATH: `${bin}:${process.env.PATH ?? ''}`, SYSTEMCTL_LOG: calls, OPENAI_KEY_VAR: 'sk-from-shell-123' });

beforeAll(async () => {
  t = await makeTempHome();
  bin = join(t.home, 'fake-bin');
  calls = join(t.home, 'systemctl.calls');
  await mkdir(bin);
  // Answers like systemd would: is-enabled/is-active from a state file, everything else succeeds.
  await writeFile(
    join(bin, 'systemctl'),
    [
      '#!/bin/sh',
      'echo "$*" >> "$SYSTEMCTL_LOG"',
      'case "$2" in',
      '  is-enabled) echo enabled ;;',
      '  is-active) echo active ;;',
      '  fail-me) exit 1 ;;',
      'esac',
      'if [ -n "$SYSTEMCTL_FAIL" ] && [ "$2" = "$SYSTEMCTL_FAIL" ]; then echo "Failed to connect to bus" >&2; exit 1; fi',
      'exit 0',
      '',
    ].join('\n'),
  );
  await chmod(join(bin, 'systemctl'), 0o755);
  const add = await t.run([
    'config',
    '--operation=upsert-provider',
    '--provider-id=openai',
    '--base-url=https://api.example.test/v1',
    '--api-key-env=OPENAI_KEY_VAR',
    '--models=m1',
    '--format=openai',
    '--skip-probe=true',
  ]);
  expect(add.exitCode, add.stderr).toBe(0);
});
afterAll(() => t.cleanup());

const unitPath = () => join(t.home, '.config/systemd/user/llm-router.service');

describe.runIf(process.platform === 'linux')('config --operation=startup-* (systemd)', () => {
  it('--dry-run prints the unit and the commands and changes nothing', async () => {
    const r = await t.run(['config', '--operation=startup-install', '--dry-run', '--port=9911'], env());
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Would write ${unitPath()}`);
    expect(r.stdout).toContain(
      `ExecStart=${process.execPath} --max-semi-space-size=8 --heap-growing-percent=20 --env-file=${t.home}/.llm-router/service.env ${BIN} start --foreground --host=127.0.0.1 --port=9911`,
    );
    expect(r.stdout).toContain('systemctl --user enable --now llm-router.service');
    expect(r.stdout).toContain('OPENAI_KEY_VAR');
    expect(r.stdout).not.toContain('sk-from-shell-123');
    await expect(stat(unitPath())).rejects.toThrow();
    await expect(readFile(calls, 'utf8')).rejects.toThrow();
  });

  it('installs: writes the unit and the key into a 0600 env file, runs systemctl, reports status', async () => {
    const r = await t.run(['config', '--operation=startup-install', '--port=9911', '--json'], env());
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, operation: 'startup-install', written: true, result: { kind: 'systemd', unitPath: unitPath(), startNow: true } });
    expect(await readFile(unitPath(), 'utf8')).toContain('--port=9911 --require-auth=true');
    const envFile = join(t.home, '.llm-router/service.env');
    expect(await readFile(envFile, 'utf8')).toContain('OPENAI_KEY_VAR=sk-from-shell-123\n');
    expect((await stat(envFile)).mode & 0o777).toBe(0o600);
    expect((await readFile(calls, 'utf8')).trim().split('\n')).toEqual(['--user daemon-reload', '--user enable --now llm-router.service']);

    const s = await t.run(['config', '--operation=startup-status'], env());
    expect(s.exitCode).toBe(0);
    expect(s.stdout).toContain('Startup service: installed (systemd)');
    expect(s.stdout).toContain('Enabled: yes; running: yes');
  });

  it('a failing systemctl names the command and leaves the previous unit in place', async () => {
    const before = await readFile(unitPath(), 'utf8');
    const r = await t.run(['config', '--operation=startup-install', '--port=9922'], { ...env(), SYSTEMCTL_FAIL: 'enable' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('systemctl --user enable --now llm-router.service failed with exit 1: Failed to connect to bus');
    expect(await readFile(unitPath(), 'utf8')).toBe(before);
  });

  it('refuses an exposed host without a master key, before writing anything', async () => {
    const r = await t.run(['config', '--operation=startup-install', '--host=0.0.0.0', '--dry-run'], env());
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('refusing to listen on 0.0.0.0 without a master key');
  });

  it('uninstalls, and a second uninstall has nothing to do', async () => {
    const r = await t.run(['config', '--operation=startup-uninstall'], env());
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Startup service removed');
    await expect(stat(unitPath())).rejects.toThrow();
    await expect(stat(join(t.home, '.llm-router/service.env'))).rejects.toThrow();
    expect((await readFile(calls, 'utf8')).trim().split('\n').slice(-2)).toEqual(['--user disable --now llm-router.service', '--user daemon-reload']);
    const again = await t.run(['config', '--operation=startup-uninstall'], env());
    expect(again.stdout).toContain('nothing to do');
    expect((await t.run(['config', '--operation=startup-status'], env())).stdout).toContain('not installed');
  });

  it('without systemctl at all, says so (exit 1) and writes nothing', async () => {
    const r = await t.run(['config', '--operation=startup-install'], { PATH: '/nonexistent', OPENAI_KEY_VAR: 'x' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('systemctl is not available here');
    await expect(stat(unitPath())).rejects.toThrow();
  });
});
