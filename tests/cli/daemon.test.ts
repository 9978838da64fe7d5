/** The detached daemon as a user drives it: start, status, live reload, stop, crashes, stale files. */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { assembleAnthropic } from '../formats/assemble.js';

let t: TempHome;
let fake: FakeProvider;
let port: number;
const pids: number[] = [];

beforeEach(async () => {
  t = await makeTempHome();
  fake = await startFakeProvider();
  port = 20_000 + Math.floor(Math.random() * 20_000);
  await t.writeConfig({
    version: 2,
    providers: [{ id: 'fake', baseUrl: `${fake.url}/v1`, format: 'openai', models: ['ok', 'slow-stream'] }],
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
});

const runtime = (name: string) => join(t.home, '.llm-router', name);
async function start(env: Record<string, string> = {}) {
  const r = await t.run(['start', `--port=${port}`], env);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  const pid = JSON.parse(await readFile(runtime('daemon.pid'), 'utf8')).pid as number;
  pids.push(pid);
  return { pid, stdout: r.stdout };
}
const status = async () => {
  const r = await t.run(['status', '--json']);
  return { code: r.exitCode, json: JSON.parse(r.stdout) };
};
const models = async () => ((await (await fetch(`http://127.0.0.1:${port}/v1/models`)).json()) as { data: { id: string }[] }).data.map((m) => m.id);
const until = async (check: () => Promise<boolean>, ms = 3_000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
};

describe('llm-router daemon', () => {
  it('starts healthy, reports status, leaves itself alone on a second start, and stops cleanly', async () => {
    const { pid, stdout } = await start();
    expect(stdout).toContain(`started (pid ${pid}) on http://127.0.0.1:${port}`);
    expect(stdout).not.toContain('No providers yet');
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    // The daemon runs with the gateway's heap settings (a small young generation; see daemon/node-flags.ts).
    if (process.platform === 'linux')
      expect((await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0')).toEqual(
        expect.arrayContaining(['--max-semi-space-size=8', '--heap-growing-percent=20', 'start', '--foreground']),
      );
    const s = await status();
    expect(s).toMatchObject({
      code: 0,
      json: { running: true, pid, port, host: '127.0.0.1', configPath: t.configPath, startupService: false, lastReload: null },
    });
    expect((await stat(runtime('daemon.sock'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(t.home, '.llm-router'))).mode & 0o777).toBe(0o700);
    const again = await t.run(['start', `--port=${port}`]);
    expect(again.stdout).toContain(`already running (pid ${pid})`);
    const stop = await t.run(['stop']);
    expect(stop.stdout).toContain(`stopped (pid ${pid})`);
    await expect(stat(runtime('daemon.pid'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(runtime('daemon.sock'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await status()).code).toBe(3);
  });

  it('applies a config change live (same pid), keeps a slow request going across it, and refuses an invalid config', async () => {
    const { pid } = await start();
    const slow = fetch(`http://127.0.0.1:${port}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fake/slow-stream', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    }).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 300));
    const added = await t.run(['config', '--operation=upsert-model-alias', '--alias-id=coding', '--targets=fake/ok']);
    expect(added.exitCode).toBe(0);
    await until(async () => (await models()).includes('coding'));
    expect((await status()).json).toMatchObject({ pid, lastReload: { ok: true } });
    expect(assembleAnthropic(await slow)).toMatchObject({ text: 'abcdefgh', terminals: 1 });

    const good = await t.readConfigText();
    await writeFile(t.configPath, '{"version": 2, "providers": [', { mode: 0o600 });
    await until(async () => (await status()).json.lastReload?.ok === false);
    const refused = (await status()).json.lastReload;
    expect(refused.error).toContain('is not valid JSON');
    expect(await models()).toContain('coding');
    const reload = await t.run(['reload']);
    expect(reload.exitCode).toBe(2);
    expect(reload.stderr).toContain('config refused; the previous config keeps serving');
    await writeFile(t.configPath, good, { mode: 0o600 });
    expect((await t.run(['reload'])).stdout).toContain('Config reloaded');
    expect((await status()).json.pid).toBe(pid);
    expect((await status()).json.counters).toEqual({ fake: { requests: 1, errors: 0 } });
  });

  it('with no config yet, starts anyway and says what to do next', async () => {
    await rm(t.configPath);
    const { stdout } = await start();
    expect(stdout).toContain('No providers yet');
    expect(stdout).toContain('--operation=upsert-provider');
    expect((await t.run(['stop'])).exitCode).toBe(0);
  });

  it('after kill -9, status says not running and start recovers; a stale pidfile from a dead pid is cleaned', async () => {
    const { pid } = await start();
    process.kill(pid, 'SIGKILL');
    await until(async () => (await status()).code === 3);
    // Started as the login service would start it: status says so.
    const { pid: second } = await start({ LLM_ROUTER_MANAGED_BY_STARTUP: '1' });
    expect(second).not.toBe(pid);
    expect((await status()).json.startupService).toBe(true);
    expect((await t.run(['status'])).stdout).toContain('Run by the login service');
    expect((await t.run(['stop'])).exitCode).toBe(0);
    await writeFile(
      runtime('daemon.pid'),
      JSON.stringify({ pid: 2_147_000_000, host: '127.0.0.1', port, startedAt: 'x', version: 'x', configPath: t.configPath }),
    );
    await writeFile(runtime('daemon.sock'), '');
    expect((await status()).code).toBe(3);
    const { pid: third } = await start();
    expect((await status()).json.pid).toBe(third);
    await t.run(['stop']);
    await rm(runtime('daemon.log'), { force: true });
  });
});
