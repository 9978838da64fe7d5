/**
 * `llm-router worker-key` end to end: the built CLI, real wrangler `secret list` / `secret
 * put` against the fake Cloudflare API, which holds the deployed Worker's secrets.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempHome, providerArgs, type TempHome } from '../helpers/cli.js';
import { startFakeCloudflare, type FakeCloudflare } from '../helpers/fake-cloudflare.js';

const CONFIG_KEY = 'gw_Local-Config-Key-xY7zW5vU3tS1rQ9pO';
const NEW_KEY = 'gw_Rotated-Key-Abc123-Def456-Ghi789-J';

let home: TempHome;
let cf: FakeCloudflare;
let project: string;

const run = (args: string[], env: Record<string, string> = {}) =>
  home.run(['worker-key', `--project-dir=${project}`, ...args], { CLOUDFLARE_API_TOKEN: cf.token, CLOUDFLARE_API_BASE_URL: cf.apiBase, ...env });

function deployed(name = 'llm-router', secrets: Record<string, string> = { LLM_ROUTER_MASTER_KEY: 'old-key', LLM_ROUTER_CONFIG_KEY: 'ck' }): void {
  cf.reset();
  cf.scripts.set(name, { secrets: new Map(Object.entries(secrets)) });
}

const secretPuts = () => cf.calls(/\/workers\/scripts\/[^/]+\/secrets$/, 'PUT');

beforeAll(async () => {
  home = await makeTempHome();
  project = join(home.home, 'project');
  await mkdir(project);
  cf = await startFakeCloudflare();
  expect((await home.run(providerArgs('OpenRouter'))).exitCode).toBe(0);
  expect((await home.run(['config', '--operation=set-master-key', `--master-key=${CONFIG_KEY}`])).exitCode).toBe(0);
});

afterAll(async () => {
  await cf?.close();
  await home?.cleanup();
});

afterEach(() => {
  expect(cf.requests.filter((q) => q.unknown).map((q) => `${q.method} ${q.path}`)).toEqual([]);
});

describe('worker-key', () => {
  it('--master-key: lists the secrets, then replaces LLM_ROUTER_MASTER_KEY (the value sent on stdin, exactly)', async () => {
    deployed();
    const r = await run([`--master-key=${NEW_KEY}`]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(cf.calls(/\/workers\/scripts\/llm-router\/secrets$/, 'GET')).toHaveLength(1);
    expect(secretPuts().map((q) => q.body)).toEqual([{ name: 'LLM_ROUTER_MASTER_KEY', text: NEW_KEY, type: 'secret_text' }]);
    expect(cf.scripts.get('llm-router')?.secrets.get('LLM_ROUTER_MASTER_KEY')).toBe(NEW_KEY);
    expect(r.stdout).toMatch(/Replaced LLM_ROUTER_MASTER_KEY on llm-router/);
    expect(r.stdout).not.toContain(NEW_KEY);
  });

  it('uses the local config key by default and reports "created" when the secret was not set', async () => {
    deployed('llm-router', { LLM_ROUTER_CONFIG_KEY: 'ck' });
    const r = await run(['--json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, dryRun: false, workerName: 'llm-router', replaced: false });
    expect(cf.scripts.get('llm-router')?.secrets.get('LLM_ROUTER_MASTER_KEY')).toBe(CONFIG_KEY);
  });

  it('--generate-master-key prints the new key once; --env targets llm-router-<env> from the deployed project folder', async () => {
    deployed('llm-router-staging');
    const dir = join(project, '.llm-router', 'worker');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'wrangler.json'),
      JSON.stringify({ name: 'llm-router', main: 'worker.js', compatibility_date: '2026-04-01', env: { staging: {} } }),
    );
    const r = await run(['--generate-master-key', '--env=staging']);
    expect(r.exitCode).toBe(0);
    const key = /\n {2}(gw_[A-Za-z0-9_-]{45})\n/.exec(r.stdout)?.[1];
    expect(key).toBeDefined();
    expect(cf.scripts.get('llm-router-staging')?.secrets.get('LLM_ROUTER_MASTER_KEY')).toBe(key);
  });

  it('--dry-run calls nothing and needs no token', async () => {
    deployed();
    const r = await run(['--dry-run', `--master-key=${NEW_KEY}`], { CLOUDFLARE_API_TOKEN: '' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/wrangler secret list --format json, then wrangler secret put LLM_ROUTER_MASTER_KEY/);
    expect(cf.requests).toEqual([]);
  });

  it('refuses a weak key (exit 2) and a missing key with --use-config-key=false (exit 2), calling nothing', async () => {
    deployed();
    const weak = await run(['--master-key=changeme-changeme-changeme']);
    expect(weak.exitCode).toBe(2);
    expect(weak.stderr).toMatch(/"changeme"/);
    const none = await run(['--use-config-key=false']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/no master key/);
    expect(secretPuts()).toHaveLength(0);
  });

  it('a Worker that was never deployed: exit 1 saying to deploy first', async () => {
    cf.reset();
    const r = await run([`--master-key=${NEW_KEY}`]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/no Worker llm-router .*deploy it first/);
    expect(secretPuts()).toHaveLength(0);
  });

  it('a failing secret put: exit 1, and the Worker keeps its previous key', async () => {
    deployed();
    cf.faults.secretPutFails = true;
    const r = await run([`--master-key=${NEW_KEY}`]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/wrangler secret put failed/);
    expect(r.stderr).toMatch(/keeps its previous master key/);
    expect(cf.scripts.get('llm-router')?.secrets.get('LLM_ROUTER_MASTER_KEY')).toBe('old-key');
  });
});
