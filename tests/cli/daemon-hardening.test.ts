/**
 * Issue #12, daemon and CLI: readiness from the control socket, concurrent starts, a HOME
 * too long for a unix socket, unset key variables, unknown flags and operations, one log
 * format, and the serving lock that keeps two serving processes from touching each
 * other's files.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, makeTempHome, type TempHome } from '../helpers/cli.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { freePort } from '../helpers/free-port.js';

let t: TempHome;
let fake: FakeProvider;
let port: number;
const pids: number[] = [];
const extraDirs: string[] = [];

beforeEach(async () => {
  t = await makeTempHome();
  fake = await startFakeProvider();
  port = await freePort();
  await t.writeConfig({
    version: 2,
    providers: [{ id: 'fake', baseUrl: `${fake.url}/v1`, format: 'openai', apiKeyEnv: 'FAKE_KEY_FOR_TEST', models: ['ok'] }],
    modelAliases: {},
  });
});
afterEach(async () => {
  for (const pid of pids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await fake.close();
  await t.cleanup();
  for (const dir of extraDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const pidOf = async (home = t.home) => JSON.parse(await readFile(join(home, '.llm-router', 'daemon.pid'), 'utf8')).pid as number;

describe('daemon start', () => {
  it('is ready from its control socket even when LLM_ROUTER_ALLOWED_IPS shuts out loopback', async () => {
    const started = Date.now();
    const r = await t.run(['start', `--port=${port}`], { LLM_ROUTER_ALLOWED_IPS: '10.9.9.9', FAKE_KEY_FOR_TEST: 'k' });
    expect(r.exitCode, r.stderr).toBe(0);
    pids.push(await pidOf());
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await t.run(['status'])).exitCode).toBe(0);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(403);
    expect((await t.run(['stop'])).exitCode).toBe(0);
  });

  it('four concurrent starts: one daemon, and every start exits 0 naming it', async () => {
    const runs = await Promise.all([0, 1, 2, 3].map(() => t.run(['start', `--port=${port}`], { FAKE_KEY_FOR_TEST: 'k' })));
    const pid = await pidOf();
    pids.push(pid);
    for (const r of runs) {
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toContain(`(pid ${pid})`);
    }
    expect(runs.filter((r) => r.stdout.includes('already running')).length).toBe(3);
    await t.run(['stop']);
  });

  it('a HOME too long for a unix socket path falls back to a short private socket directory', async () => {
    const home = join(t.home, 'x'.repeat(70), 'y'.repeat(40));
    await mkdir(home, { recursive: true });
    await writeFile(join(home, '.llm-router.json'), await t.readConfigText(), { mode: 0o600 });
    const env = { HOME: home, NO_COLOR: '1', PATH: process.env.PATH ?? '', FAKE_KEY_FOR_TEST: 'k' };
    const run = (args: string[]) => execa(process.execPath, [BIN, ...args], { env, extendEnv: false, reject: false, timeout: 20_000 });
    const started = Date.now();
    const r = await run(['start', `--port=${port}`]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    pids.push(await pidOf(home));
    const uid = process.getuid?.() ?? 0;
    const dir = `/tmp/llm-router-${uid}`;
    expect((await readdir(dir)).some((f) => f.endsWith('.sock'))).toBe(true);
    expect((await run(['status', '--json'])).exitCode).toBe(0);
    expect((await run(['stop'])).exitCode).toBe(0);
  });
});

describe('warnings and refusals', () => {
  it('start and status warn when a provider key variable is unset', async () => {
    const r = await t.run(['start', `--port=${port}`]);
    pids.push(await pidOf());
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('$FAKE_KEY_FOR_TEST, which is not set');
    const status = await t.run(['status']);
    expect(status.stderr).toContain('provider "fake" reads its API key from $FAKE_KEY_FOR_TEST');
    expect(JSON.parse((await t.run(['status', '--json'])).stdout).missingKeyEnv).toEqual([{ providerId: 'fake', variable: 'FAKE_KEY_FOR_TEST' }]);
    await t.run(['stop']);
  });

  it.each([
    [['status', '--bogus'], 'unknown option --bogus for status'],
    [['status', '--jsno'], 'did you mean --json?'],
    [['stop', '--forse'], 'unknown option --forse for stop'],
    [['reload', '--now'], 'unknown option --now for reload'],
    [['start', '--prot=1'], 'did you mean --port?'],
    [['strat'], 'did you mean start?'],
    [['config', '--operation=upsert-provdier'], 'did you mean --operation=upsert-provider?'],
    [['config', '--operation=list', '--jsno'], 'did you mean --json?'],
  ])('%j is refused (exit 2) with a suggestion', async (args, message) => {
    const r = await t.run(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('the detached daemon', () => {
  it('writes daemon.log as JSON lines only, and never "press Ctrl+C"', async () => {
    await t.run(['start', `--port=${port}`], { FAKE_KEY_FOR_TEST: 'k' });
    pids.push(await pidOf());
    await fetch(`http://127.0.0.1:${port}/v1/models`);
    await t.writeConfig({ version: 2, providers: [{ id: 'fake', baseUrl: `${fake.url}/v1`, format: 'openai', models: ['ok', 'ok2'] }], modelAliases: {} });
    await t.run(['reload']);
    await t.run(['stop']);
    const lines = (await readFile(join(t.home, '.llm-router', 'daemon.log'), 'utf8')).trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const messages = lines.map((l) => JSON.parse(l).msg as string);
    expect(messages).toEqual(expect.arrayContaining(['llm-router listening', 'config reloaded', 'llm-router stopped']));
    expect(lines.join('\n')).not.toMatch(/Ctrl\+C/);
  });

  it('a second serving process never touches the files of the one holding the serving lock', async () => {
    const dir = join(t.home, '.llm-router');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // A serving process that is still starting: it holds the lock (this test process is alive) but has no socket yet.
    await writeFile(join(dir, 'daemon.lock'), String(process.pid), { mode: 0o600 });
    await writeFile(
      join(dir, 'daemon.pid'),
      JSON.stringify({ pid: process.pid, host: '127.0.0.1', port, startedAt: 'x', version: 'x', configPath: t.configPath }),
    );
    const r = await t.run(['start', '--foreground', `--port=${port}`]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`another llm-router (pid ${process.pid}) is starting or stopping`);
    expect(JSON.parse(await readFile(join(dir, 'daemon.pid'), 'utf8')).pid).toBe(process.pid);
  });
});
