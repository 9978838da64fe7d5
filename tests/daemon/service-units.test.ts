import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchdBackend, renderLaunchdPlist } from '../../src/daemon/service/launchd-plist.js';
import { installService, planInstall, serviceStatus, uninstallService } from '../../src/daemon/service/manage-service.js';
import type { CommandResult, ServiceCommand } from '../../src/daemon/service/service-backend.js';
import { buildServiceSpec, collectServiceEnvironment, renderEnvFile } from '../../src/daemon/service/service-spec.js';
import { quoteSystemdWord, renderSystemdUnit, systemdBackend } from '../../src/daemon/service/systemd-unit.js';
import { selectBackend } from '../../src/daemon/service/select-backend.js';

const settings = { host: '127.0.0.1', port: 8787, requireAuth: true, allowInsecureRemote: false, configPath: '/home/u/.llm-router.json' };
const where = { home: '/home/u', runtimeDir: '/home/u/.llm-router', nodePath: '/usr/bin/node', cliPath: '/opt/llm router/dist/llm-router.js' };

function fakeRunner(answers: Record<string, Partial<CommandResult>> = {}) {
  const calls: string[] = [];
  const run = async (cmd: ServiceCommand): Promise<CommandResult> => {
    const line = [cmd.command, ...cmd.args].join(' ');
    calls.push(line);
    const hit = Object.entries(answers).find(([prefix]) => line.startsWith(prefix))?.[1];
    return { exitCode: 0, stdout: '', stderr: '', ...hit };
  };
  return { calls, run };
}

describe('service spec', () => {
  it('runs the CLI in the foreground with the settings and the environment file', () => {
    const spec = buildServiceSpec(settings, where);
    expect(spec.argv).toEqual([
      '/usr/bin/node',
      '--max-semi-space-size=8',
      '--heap-growing-percent=20',
      '--env-file=/home/u/.llm-router/service.env',
      '/opt/llm router/dist/llm-router.js',
      'start',
      '--foreground',
      '--host=127.0.0.1',
      '--port=8787',
      '--require-auth=true',
      '--config=/home/u/.llm-router.json',
    ]);
    expect(buildServiceSpec({ ...settings, allowInsecureRemote: true }, where).argv.at(-1)).toBe('--allow-insecure-remote=true');
  });

  it('captures LLM_ROUTER_* knobs and the API-key variables the config names, and reports missing ones', () => {
    const env = { LLM_ROUTER_UPSTREAM_TIMEOUT_MS: '9000', LLM_ROUTER_CLI_PATH: '/x', OPENAI_API_KEY: 'sk-abc', OTHER: 'no', WEIRD: "it's $x" };
    const got = collectServiceEnvironment(env, ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'WEIRD']);
    expect(got.entries).toEqual([
      ['LLM_ROUTER_UPSTREAM_TIMEOUT_MS', '9000'],
      ['OPENAI_API_KEY', 'sk-abc'],
      ['LLM_ROUTER_MANAGED_BY_STARTUP', '1'],
    ]);
    expect(got.missing).toEqual(['ANTHROPIC_API_KEY']);
    expect(got.unwritable).toEqual(['WEIRD']);
    expect(
      renderEnvFile([
        ['A', 'plain-1'],
        ['B', 'has space'],
      ]),
    ).toContain("A=plain-1\nB='has space'\n");
  });
});

describe('systemd unit', () => {
  it('quotes words systemd would split or expand', () => {
    expect(quoteSystemdWord('/usr/bin/node')).toBe('/usr/bin/node');
    expect(quoteSystemdWord('/opt/llm router/x.js')).toBe('"/opt/llm router/x.js"');
    expect(quoteSystemdWord('100%')).toBe('100%%');
    expect(quoteSystemdWord('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteSystemdWord('$HOME')).toBe('$$HOME');
  });

  it('renders a user unit that restarts on failure and starts at login', () => {
    const unit = renderSystemdUnit(buildServiceSpec(settings, where));
    expect(unit).toContain(
      'ExecStart=/usr/bin/node --max-semi-space-size=8 --heap-growing-percent=20 --env-file=/home/u/.llm-router/service.env "/opt/llm router/dist/llm-router.js" start --foreground --host=127.0.0.1 --port=8787 --require-auth=true --config=/home/u/.llm-router.json\n',
    );
    expect(unit).toMatch(/\[Service\][^[]*Restart=on-failure/);
    expect(unit).toContain('[Install]\nWantedBy=default.target');
  });

  it('lives under ~/.config/systemd/user and is managed with systemctl --user', () => {
    const b = systemdBackend('/home/u');
    expect(b.unitPath).toBe('/home/u/.config/systemd/user/llm-router.service');
    expect(b.installCommands(true).map((c) => [c.command, ...c.args].join(' '))).toEqual([
      'systemctl --user daemon-reload',
      'systemctl --user enable --now llm-router.service',
    ]);
    expect(b.installCommands(false).at(-1)?.args).toEqual(['--user', 'enable', 'llm-router.service']);
    expect(
      b.readStatus([
        { exitCode: 0, stdout: 'enabled\n', stderr: '' },
        { exitCode: 3, stdout: 'inactive\n', stderr: '' },
      ]),
    ).toMatchObject({ enabled: true, running: false });
  });
});

describe('launchd agent', () => {
  it('renders a plist with escaped arguments, RunAtLoad and restart only after a crash', () => {
    const plist = renderLaunchdPlist(buildServiceSpec({ ...settings, configPath: '/home/u/a&b<c>.json' }, where));
    expect(plist).toContain('<key>Label</key><string>dev.llm-router</string>');
    expect(plist).toContain('<string>/opt/llm router/dist/llm-router.js</string>');
    expect(plist).toContain('<string>--config=/home/u/a&amp;b&lt;c&gt;.json</string>');
    expect(plist).toContain('<key>RunAtLoad</key><true/>');
    expect(plist).toContain('<key>SuccessfulExit</key><false/>');
    expect(plist).toContain('/home/u/Library/Logs/llm-router.err.log');
  });

  it('is managed with launchctl in the gui/<uid> domain', () => {
    const b = launchdBackend('/Users/u', 501);
    expect(b.unitPath).toBe('/Users/u/Library/LaunchAgents/dev.llm-router.plist');
    expect(b.installCommands(true).map((c) => [c.command, ...c.args].join(' '))).toEqual([
      'launchctl bootout gui/501/dev.llm-router',
      'launchctl enable gui/501/dev.llm-router',
      'launchctl bootstrap gui/501 /Users/u/Library/LaunchAgents/dev.llm-router.plist',
    ]);
    expect(b.readStatus([{ exitCode: 0, stdout: 'gui/501/dev.llm-router = {\n\tstate = running\n', stderr: '' }])).toMatchObject({
      enabled: true,
      running: true,
    });
    expect(b.readStatus([{ exitCode: 113, stdout: '', stderr: 'Could not find service' }])).toMatchObject({ enabled: false, running: false });
  });

  it('refuses other platforms with a clear error', () => {
    expect(() => selectBackend('win32', '/h', 0)).toThrow(/Linux \(systemd\) and macOS \(launchd\), not win32/);
  });
});

describe('installing and removing', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'llm-router-svc-'));
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  const setup = () => {
    const backend = systemdBackend(home);
    const spec = buildServiceSpec(settings, { ...where, home, runtimeDir: join(home, '.llm-router') });
    const environment = collectServiceEnvironment({ OPENAI_API_KEY: 'sk-1' }, ['OPENAI_API_KEY']);
    return { backend, spec, environment, plan: planInstall(backend, spec, environment, true) };
  };

  it('writes the unit and a 0600 environment file, runs the commands, reports status, and uninstalls', async () => {
    const { backend, spec, environment, plan } = setup();
    const runner = fakeRunner({ 'systemctl --user is-enabled': { stdout: 'enabled\n' }, 'systemctl --user is-active': { stdout: 'active\n' } });
    await installService(backend, plan, environment, runner.run);
    expect(await readFile(backend.unitPath, 'utf8')).toBe(plan.unit);
    expect(await readFile(spec.envFile, 'utf8')).toContain('OPENAI_API_KEY=sk-1\n');
    expect((await stat(spec.envFile)).mode & 0o777).toBe(0o600);
    expect(runner.calls).toEqual(['systemctl --user daemon-reload', 'systemctl --user enable --now llm-router.service']);
    expect(await serviceStatus(backend, runner.run)).toMatchObject({ installed: true, enabled: true, running: true });
    expect(await uninstallService(backend, spec.envFile, runner.run, () => undefined)).toBe(true);
    await expect(stat(backend.unitPath)).rejects.toThrow();
    await expect(stat(spec.envFile)).rejects.toThrow();
    expect(runner.calls.slice(-2)).toEqual(['systemctl --user disable --now llm-router.service', 'systemctl --user daemon-reload']);
    expect(await uninstallService(backend, spec.envFile, runner.run, () => undefined)).toBe(false);
    expect(await serviceStatus(backend, runner.run)).toMatchObject({ installed: false });
  });

  it('puts the previous unit back when a command fails, and names the command', async () => {
    const { backend, environment, plan } = setup();
    await installService(backend, plan, environment, fakeRunner().run);
    await writeFile(backend.unitPath, 'previous unit\n');
    const failing = fakeRunner({ 'systemctl --user enable': { exitCode: 1, stderr: 'Failed to connect to bus: No medium found' } });
    await expect(installService(backend, plan, environment, failing.run)).rejects.toThrow(
      /systemctl --user enable --now llm-router.service failed with exit 1: Failed to connect to bus/,
    );
    expect(await readFile(backend.unitPath, 'utf8')).toBe('previous unit\n');
  });

  it('leaves no unit behind when systemctl does not exist', async () => {
    const { backend, environment, plan } = setup();
    const missing = fakeRunner({ systemctl: { exitCode: 127, stderr: 'systemctl: command not found' } });
    await expect(installService(backend, plan, environment, missing.run)).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });
    await expect(stat(backend.unitPath)).rejects.toThrow();
  });
});
