/**
 * `llm-router deploy` end to end: the built CLI in a temporary HOME, real wrangler 4.86.0
 * against the fake Cloudflare API on loopback (tests/helpers/fake-cloudflare.ts). What was
 * sent is asserted from the fake's records: token check, account and zone look-ups, the
 * script upload (modules, Durable Object binding and migration, secrets), and each failure's
 * exit code and "left in place" report.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdir, readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSealed } from '../../src/config/sealed.js';
import { BIN, makeTempHome, providerArgs, type TempHome } from '../helpers/cli.js';
import { startFakeCloudflare, type FakeCloudflare, type ScriptUpload } from '../helpers/fake-cloudflare.js';

const ACCOUNT = 'acc0000000000000000000000000001';
const DIST_WORKER = fileURLToPath(new URL('../../dist/worker', import.meta.url));
/** What the build wrote (the entry and its lazily loaded chunks) plus the sealed config deploy generates. */
const BUNDLE_MODULES = readdirSync(DIST_WORKER, { recursive: true })
  .map(String)
  .filter((n) => n.endsWith('.js'))
  .sort();
const KEY = 'gw_Str0ng-Test-Key-aB3dE5gH7jK9mN1pQ';
const ENV_SECRET = 'sk-from-env-9876543210abcdef';

let home: TempHome;
let cf: FakeCloudflare;
let project: string;
let scratch: string;

function cfEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { CLOUDFLARE_API_TOKEN: cf.token, CLOUDFLARE_API_BASE_URL: cf.apiBase, TMPDIR: scratch, ENVP_KEY: ENV_SECRET, ...extra };
}

const deploy = (args: string[], env: Record<string, string> = {}) =>
  home.run(['deploy', `--project-dir=${project}`, '--skip-health-check', ...args], cfEnv(env));

function secretsOf(upload: ScriptUpload): Record<string, string> {
  return Object.fromEntries((upload.metadata.bindings as any[]).filter((b) => b.type === 'secret_text').map((b) => [b.name, b.text]));
}

beforeAll(async () => {
  home = await makeTempHome();
  scratch = join(home.home, 'tmp');
  project = join(home.home, 'project');
  await mkdir(scratch);
  await mkdir(project);
  cf = await startFakeCloudflare({
    zones: [
      { id: 'zone-example-com-000000000000001', name: 'example.com', accountId: ACCOUNT },
      { id: 'zone-other-org-0000000000000002', name: 'other.org', accountId: ACCOUNT },
    ],
  });
  expect((await home.run(providerArgs('OpenRouter'))).exitCode).toBe(0);
  expect((await home.run(providerArgs('envp', ['--api-key-env=ENVP_KEY']).filter((a) => !a.startsWith('--api-key=')))).exitCode).toBe(0);
  expect((await home.run(['config', '--operation=set-master-key', `--master-key=${KEY}`])).exitCode).toBe(0);
});

afterAll(async () => {
  await cf?.close();
  await home?.cleanup();
});

afterEach(() => {
  // The secrets file and wrangler's log live in a temporary folder that is always removed.
  expect(readdirSync(scratch)).toEqual([]);
  // The fake answers everything our client and wrangler asked for.
  expect(cf.requests.filter((q) => q.unknown).map((q) => `${q.method} ${q.path}`)).toEqual([]);
});

describe('deploy --workers-dev', () => {
  it('verifies the token, uploads both modules with the DO binding, migration and both secrets in one upload', async () => {
    cf.reset();
    const r = await deploy(['--workers-dev']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(cf.calls(/^\/user\/tokens\/verify$/).length).toBeGreaterThan(0);
    expect(cf.calls(/^\/memberships$/).length).toBeGreaterThan(0);
    expect(cf.calls(new RegExp(`^/accounts/${ACCOUNT}/workers/subdomain$`)).length).toBeGreaterThan(0);
    expect(cf.requests.filter((q) => q.unknown).map((q) => `${q.method} ${q.path}`)).toEqual([]);
    expect(cf.uploads).toHaveLength(1);
    const upload = cf.uploads[0]!;
    expect(upload.script).toBe('llm-router');
    expect(upload.metadata.main_module).toBe('worker.js');
    expect(upload.modules.map((m) => m.name).sort()).toEqual(BUNDLE_MODULES);
    expect(upload.metadata.bindings).toContainEqual({ name: 'LLM_ROUTER_STATE', type: 'durable_object_namespace', class_name: 'RoutingStateObject' });
    expect(upload.metadata.migrations).toEqual({ new_tag: 'v1', steps: [{ new_sqlite_classes: ['RoutingStateObject'] }] });
    const secrets = secretsOf(upload);
    expect(Object.keys(secrets).sort()).toEqual(['LLM_ROUTER_CONFIG_KEY', 'LLM_ROUTER_MASTER_KEY']);
    expect(secrets.LLM_ROUTER_MASTER_KEY).toBe(KEY);

    // The sealed module opens with the uploaded key; provider keys are in it, never in plain text.
    const sealedModule = upload.modules.find((m) => m.name === 'sealed-config.js')!.content;
    const sealed = /export default "(llrseal1\.[^"]+)"/.exec(sealedModule)?.[1];
    expect(sealed).toBeDefined();
    const config = JSON.parse(await openSealed(sealed!, secrets.LLM_ROUTER_CONFIG_KEY!));
    expect(config.providers.map((p: any) => p.id)).toEqual(['OpenRouter', 'envp']);
    expect(config.providers[1].apiKey).toBe(ENV_SECRET);
    expect(config.masterKey).toBeUndefined();
    for (const m of upload.modules) {
      expect(m.content).not.toContain('sk-OpenRouter-secret');
      expect(m.content).not.toContain(ENV_SECRET);
      expect(m.content).not.toContain(KEY);
    }

    expect(r.stdout).toContain('https://llm-router.fake-sub.workers.dev');
    expect(r.stdout).toContain('ANTHROPIC_BASE_URL=https://llm-router.fake-sub.workers.dev/anthropic');
    expect(r.stdout).toContain('base_url="https://llm-router.fake-sub.workers.dev/openai/v1"');
    expect(r.stdout).not.toContain(':8787');
    expect(r.stdout).toMatch(/State backend: durable-object/);
    expect(r.stdout).toMatch(/bundle \d+ bytes, sealed config \d+ bytes/);
    expect(r.stdout).not.toContain(KEY);

    const dir = join(project, '.llm-router', 'worker');
    expect(JSON.parse(await readFile(join(dir, 'wrangler.json'), 'utf8'))).toMatchObject({ name: 'llm-router', workers_dev: true, preview_urls: false });
    expect(await readFile(join(project, '.llm-router', '.gitignore'), 'utf8')).toContain('*');
    expect(statSync(join(dir, 'sealed-config.js')).mode & 0o777).toBe(0o600);
  });

  it('a second deploy goes through the versions API with fresh secrets and prints one JSON document', async () => {
    const before = cf.uploads.length;
    const r = await deploy(['--workers-dev', '--generate-master-key', '--json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      ok: true,
      dryRun: false,
      workerName: 'llm-router',
      stateBackend: 'durable-object',
      url: 'https://llm-router.fake-sub.workers.dev',
    });
    expect(doc.secrets).toEqual(['LLM_ROUTER_CONFIG_KEY', 'LLM_ROUTER_MASTER_KEY']);
    expect(doc.generatedMasterKey).toMatch(/^gw_[A-Za-z0-9_-]{45}$/);
    const upload = cf.uploads[before]!;
    expect(upload.path).toMatch(/\/versions$/);
    // Nothing wrangler left in the project folder (.wrangler/) is picked up as a module.
    expect(upload.modules.map((m) => m.name).sort()).toEqual(BUNDLE_MODULES);
    expect(secretsOf(upload).LLM_ROUTER_MASTER_KEY).toBe(doc.generatedMasterKey);
    expect(secretsOf(upload).LLM_ROUTER_CONFIG_KEY).not.toBe(secretsOf(cf.uploads[0]!).LLM_ROUTER_CONFIG_KEY);
  });
});

describe('deploy to a route', () => {
  it('--domain finds its zone, routes the host and keeps workers.dev off; --state-backend=memory has no DO', async () => {
    cf.reset();
    const r = await deploy(['--domain=llm.example.com', '--state-backend=memory']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(cf.calls(/^\/zones$/).length).toBeGreaterThan(0);
    const upload = cf.uploads.at(-1)!;
    expect((upload.metadata.bindings as any[]).some((b) => b.type === 'durable_object_namespace')).toBe(false);
    expect(upload.metadata.migrations).toBeUndefined();
    const routes = cf.calls(/\/workers\/scripts\/llm-router\/routes$/, 'PUT');
    expect(routes.at(-1)?.body).toEqual([{ pattern: 'llm.example.com/*', zone_name: 'example.com' }]);
    expect(r.stdout).toContain('https://llm.example.com/anthropic');
    expect(r.stdout).toMatch(/State backend: memory/);
  });

  it('a host outside its zone is refused (exit 2) naming both, before any upload', async () => {
    cf.reset();
    const r = await deploy(['--route-pattern=llm.other.org/*', '--zone-name=example.com']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('llm.other.org');
    expect(r.stderr).toContain('example.com');
    expect(cf.uploads).toHaveLength(0);
  });

  it('an empty zone list is reported (exit 2) and nothing is uploaded', async () => {
    cf.reset();
    cf.faults.noZones = true;
    const r = await deploy(['--route-pattern=llm.example.com/*', '--zone-name=example.com']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no zone example\.com/);
    expect(r.stderr).toContain('nothing: no file was written');
    expect(cf.uploads).toHaveLength(0);
  });
});

describe('deploy --dry-run and --export-only call nothing', () => {
  it('--dry-run shows every step, file and the wrangler command without a request or a file', async () => {
    cf.reset();
    const fresh = join(home.home, 'fresh-project');
    await mkdir(fresh);
    const r = await home.run(['deploy', '--workers-dev', '--dry-run', `--project-dir=${fresh}`], { ...cfEnv(), CLOUDFLARE_API_TOKEN: '' });
    expect(r.exitCode).toBe(0);
    expect(cf.requests).toEqual([]);
    expect(readdirSync(fresh)).toEqual([]);
    for (const label of ['token', 'target', 'master key', 'config', 'files', 'upload', 'health']) expect(r.stdout).toContain(` ${label}`);
    expect(r.stdout).toMatch(/worker\.js \(\d+ bytes\)/);
    expect(r.stdout).toMatch(/sealed-config\.js \(\d+ bytes\)/);
    expect(r.stdout).toMatch(/wrangler deploy --config wrangler\.json --secrets-file <temp>\/secrets\.json/);
  });

  it('--export-only writes the payload with mode 0600 and says it holds key material', async () => {
    cf.reset();
    const r = await deploy(['--workers-dev', '--export-only', '--out=payload.json']);
    expect(r.exitCode).toBe(0);
    expect(cf.requests).toEqual([]);
    const file = join(project, 'payload.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const payload = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(payload.secrets).sort()).toEqual(['LLM_ROUTER_CONFIG_KEY', 'LLM_ROUTER_MASTER_KEY']);
    expect(JSON.parse(await openSealed(payload.sealedConfig, payload.secrets.LLM_ROUTER_CONFIG_KEY)).providers).toHaveLength(2);
    expect(payload.wrangler).toMatchObject({ name: 'llm-router', main: 'worker.js' });
    expect(r.stdout).toMatch(/key material/);
  });
});

describe('deploy failures', () => {
  it('no token: exit 2 saying how to create one and which permissions', async () => {
    cf.reset();
    const r = await deploy(['--workers-dev'], { CLOUDFLARE_API_TOKEN: '' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/CLOUDFLARE_API_TOKEN/);
    expect(r.stderr).toMatch(/Workers Scripts Edit/);
    expect(cf.requests).toEqual([]);
  });

  it('CF_API_TOKEN is the alternate name; an unset apiKeyEnv is a warning', async () => {
    cf.reset();
    const r = await deploy(['--workers-dev', '--dry-run'], { CLOUDFLARE_API_TOKEN: '', CF_API_TOKEN: cf.token, ENVP_KEY: '' });
    expect(r.exitCode).toBe(0);
    // A provider whose apiKeyEnv is unset here gets no key on the Worker: said, not hidden.
    expect(r.stderr).toMatch(/warning: provider envp: \$ENVP_KEY is not set here/);
  });

  it('a rejected token: exit 2, nothing uploaded', async () => {
    cf.reset();
    cf.faults.badToken = 'invalid';
    const r = await deploy(['--workers-dev']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/rejected the API token/);
    expect(r.stderr).not.toContain(cf.token);
    expect(cf.uploads).toHaveLength(0);
  });

  it('a token without a needed permission (403): exit 2 naming the permissions', async () => {
    cf.reset();
    cf.faults.badToken = 'forbidden';
    const r = await deploy(['--workers-dev']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/lacks a permission.*Workers Scripts Edit/);
  });

  it('several accounts and no choice: exit 2 listing them; an account the token cannot use: exit 2', async () => {
    cf.reset();
    cf.accounts.push({ id: 'acc0000000000000000000000000002', name: 'Second Account' });
    try {
      const r = await deploy(['--workers-dev']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('--account-id=acc0000000000000000000000000001  (Test Account)');
      expect(r.stderr).toContain('--account-id=acc0000000000000000000000000002  (Second Account)');
      const other = await deploy(['--workers-dev', '--account-id=acc-not-mine']);
      expect(other.exitCode).toBe(2);
      expect(other.stderr).toMatch(/cannot use account acc-not-mine/);
      expect(cf.uploads).toHaveLength(0);
    } finally {
      cf.accounts.pop();
    }
  });

  it('a token that sees no account: exit 2', async () => {
    cf.reset();
    cf.faults.noAccounts = true;
    const r = await deploy(['--workers-dev']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no Cloudflare account/);
  });

  it('an unreachable Cloudflare API: exit 1', async () => {
    const r = await deploy(['--workers-dev'], { CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:9/client/v4' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/cannot reach the Cloudflare API/);
  });

  it('a weak master key: exit 2 naming the problem; --allow-weak-master-key deploys with a warning', async () => {
    cf.reset();
    const weak = await deploy(['--workers-dev', '--master-key=password123']);
    expect(weak.exitCode).toBe(2);
    expect(weak.stderr).toMatch(/weak.*"password"/);
    expect(cf.uploads).toHaveLength(0);
    const allowed = await deploy(['--workers-dev', '--master-key=password123', '--allow-weak-master-key']);
    expect(allowed.exitCode).toBe(0);
    expect(allowed.stderr).toMatch(/warning: the master key is weak/);
  });

  it('an upload failing with 500: exit 1, wrangler lines shown, and what was left in place', async () => {
    cf.reset();
    cf.faults.uploadFails = true;
    const r = await deploy(['--workers-dev']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/wrangler deploy failed/);
    expect(r.stderr).toMatch(/fake upload failure/);
    expect(r.stderr).toMatch(/Left in place:[\s\S]*\.llm-router\/worker[\s\S]*nothing changed/);
    expect(cf.uploads.length).toBeGreaterThan(0);
    expect(cf.scripts.has('llm-router')).toBe(false);
  });

  it('no target, two targets, an unknown flag: exit 2; seed flags --mode and --allow-large-config parse', async () => {
    const fresh = join(home.home, 'no-target-project');
    await mkdir(fresh, { recursive: true });
    const none = await home.run(['deploy', `--project-dir=${fresh}`, '--dry-run'], cfEnv());
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/no deploy target: choose a target: --workers-dev/);
    // A project folder deployed before keeps its target, as the seed reuses its wrangler.toml's.
    const again = await deploy(['--dry-run']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/to workers\.dev \(the previous deploy's target\)/);
    expect((await deploy(['--workers-dev', '--domain=a.example.com'])).exitCode).toBe(2);
    expect((await deploy(['--workers-dev', '--bogus'])).exitCode).toBe(2);
    const seed = await deploy(['--workers-dev', '--dry-run', '--mode=x', '--allow-large-config']);
    expect(seed.exitCode).toBe(0);
    expect(seed.stdout).toMatch(/--allow-large-config is no longer needed/);
  });

  it('a missing Worker bundle: exit 1 saying to run npm run build', async () => {
    // A copy of the built CLI without dist/worker/ (the real one stays, for tests running alongside).
    const copy = join(home.home, 'dist-copy');
    await cp(dirname(BIN), copy, { recursive: true, filter: (src) => src !== join(dirname(BIN), 'worker') });
    expect(existsSync(join(copy, 'worker'))).toBe(false);
    const r = await execa(process.execPath, [join(copy, 'llm-router.js'), 'deploy', '--workers-dev', '--dry-run', `--project-dir=${project}`], {
      env: { HOME: home.home, PATH: process.env.PATH ?? '', NO_COLOR: '1', TMPDIR: scratch },
      extendEnv: false,
      reject: false,
    });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Worker bundle missing: run npm run build');
    expect(existsSync(join(DIST_WORKER, 'worker.js'))).toBe(true);
  });
});
