/**
 * `llm-router setup <tool>` against a real daemon in a temporary HOME: each tool, both
 * scopes, the user's comments and other keys kept exactly, dry run, undo byte for byte,
 * mode kept, refusals (no gateway, failing gate, bad model ref) and --force.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseToml } from '@decimalturn/toml-patch';
import { parse as parseJsonc } from 'jsonc-parser';
import { fakeProviderConfig, makeDaemonHome, MASTER_KEY, type DaemonHome } from '../helpers/daemon-home.js';

let d: DaemonHome;
beforeAll(async () => {
  d = await makeDaemonHome((url) => fakeProviderConfig(url));
  await d.start();
});
afterAll(() => d.cleanup());

let project: string;
afterEach(async () => {
  if (project) await rm(project, { recursive: true, force: true });
  for (const p of ['.claude', '.codex', '.config']) await rm(join(d.t.home, p), { recursive: true, force: true });
});
const newProject = async () => (project = await mkdtemp(join(tmpdir(), 'llr-project-')));
const run = (args: string[], cwd?: string) => d.t.run(['setup', ...args], {}, cwd ? { cwd } : {});
/** Exit 0, or fail showing what the command said. */
const ok = (r: { exitCode: number; stdout: string; stderr: string }) => expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
const claudeUser = () => join(d.t.home, '.claude', 'settings.json');

const CLAUDE_ORIGINAL = `{
    // my settings: keep this comment
    "permissions": { "allow": ["Bash(ls:*)"] },
    "env": {
        "FOO": "bar", // and this one
    },
    "theme": "dark"
}
`;

describe('setup claude-code', () => {
  it('edits only its env keys in ~/.claude/settings.json, keeps comments, indentation and mode; undo restores the bytes', async () => {
    await mkdir(join(d.t.home, '.claude'));
    await writeFile(claudeUser(), CLAUDE_ORIGINAL, { mode: 0o640 });
    await chmod(claudeUser(), 0o640);
    const r = await run(['claude-code', '--opus-model=oa/ok', '--haiku-model=an/ok']);
    expect(r.stderr).toBe('');
    ok(r);
    expect(r.stdout).toContain(`Claude Code now uses the gateway at ${d.url}`);
    expect(r.stdout).toContain('Claude Code reads settings as strict JSON');
    expect(r.stdout).not.toContain(MASTER_KEY);
    const text = await readFile(claudeUser(), 'utf8');
    expect((await stat(claudeUser())).mode & 0o777).toBe(0o640);
    const doc = parseJsonc(text);
    expect(doc.env).toEqual({
      FOO: 'bar',
      ANTHROPIC_BASE_URL: `${d.url}/anthropic`,
      ANTHROPIC_AUTH_TOKEN: MASTER_KEY,
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'oa/ok',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'coding',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'an/ok',
      ANTHROPIC_SMALL_FAST_MODEL: 'an/ok',
    });
    // Everything outside the env block is the user's text, unchanged.
    const before = CLAUDE_ORIGINAL.split('\n');
    const after = text.split('\n');
    expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
    expect(after.slice(-3)).toEqual(before.slice(-3));
    expect(after).toContain('        "FOO": "bar", // and this one');
    expect(after).toContain(`        "ANTHROPIC_BASE_URL": "${d.url}/anthropic",`);
    // A second setup changes nothing and undo still returns to the first original.
    const again = await run(['claude-code', '--opus-model=oa/ok', '--haiku-model=an/ok']);
    expect(again.stdout).toContain('not rewritten');
    await run(['claude-code', '--model=an/ok']);
    const undo = await run(['claude-code', '--undo']);
    ok(undo);
    expect(await readFile(claudeUser(), 'utf8')).toBe(CLAUDE_ORIGINAL);
    expect((await stat(claudeUser())).mode & 0o777).toBe(0o640);
    const backups = join(d.t.home, '.llm-router', 'backups', 'setup');
    expect((await stat(backups)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(join(backups, 'manifest.json'), 'utf8')).entries).toEqual([]);
    const twice = await run(['claude-code', '--undo']);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toContain('nothing to undo');
  });

  it('dry run prints a diff with the key masked and writes nothing; a new file is created 0600 and undo removes it', async () => {
    const dry = await run(['claude-code', '--dry-run']);
    ok(dry);
    expect(dry.stdout).toContain('dry run: nothing written');
    expect(dry.stdout).toContain(`--- /dev/null`);
    expect(dry.stdout).toContain(`+    "ANTHROPIC_BASE_URL": "${d.url}/anthropic",`);
    expect(dry.stdout).toContain('"ANTHROPIC_AUTH_TOKEN": "gw_t...fXYZ"');
    expect(dry.stdout).not.toContain(MASTER_KEY);
    expect(existsSync(claudeUser())).toBe(false);
    const manifest = join(d.t.home, '.llm-router', 'backups', 'setup', 'manifest.json');
    if (existsSync(manifest)) expect(await readFile(manifest, 'utf8')).not.toContain(claudeUser());
    const r = await run(['claude-code', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, tool: 'claude-code', scope: 'user', action: 'written', file: claudeUser(), originalExisted: false });
    expect(r.stdout).not.toContain(MASTER_KEY);
    expect((await stat(claudeUser())).mode & 0o777).toBe(0o600);
    await run(['claude-code', '--undo']);
    expect(existsSync(claudeUser())).toBe(false);
  });

  it('project scope writes .claude/settings.local.json in the working directory', async () => {
    const dir = await newProject();
    const r = await run(['claude-code', '--scope=project'], dir);
    ok(r);
    expect(parseJsonc(await readFile(join(dir, '.claude', 'settings.local.json'), 'utf8')).env.ANTHROPIC_BASE_URL).toBe(`${d.url}/anthropic`);
    expect(existsSync(claudeUser())).toBe(false);
    await run(['claude-code', '--scope=project', '--undo'], dir);
    expect(existsSync(join(dir, '.claude', 'settings.local.json'))).toBe(false);
  });

  it('refuses an unknown model ref, a tier the tool lacks, a bad scope and an unknown tool (exit 2, nothing written)', async () => {
    const bad = await run(['claude-code', '--model=oa/nope']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--model: provider "oa" has no model "nope"');
    const alias = await run(['claude-code', '--sonnet-model=codng']);
    expect(alias.exitCode).toBe(2);
    expect(alias.stderr).toContain('--sonnet-model: unknown alias "codng"');
    expect((await run(['codex', '--opus-model=oa/ok'])).stderr).toContain('--opus-model is not a Codex CLI tier');
    expect((await run(['claude-code', '--scope=global'])).exitCode).toBe(2);
    const tool = await run(['claude']);
    expect(tool.exitCode).toBe(2);
    expect(tool.stderr).toContain('unknown tool "claude"');
    expect(existsSync(claudeUser())).toBe(false);
  });

  it('refuses when the model fails the gate (exit 1) unless --force, and undo of a file changed since refuses without --force', async () => {
    const r = await run(['claude-code', '--model=broken']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      /not pointing Claude Code at the gateway: the gateway at .* fails the Claude Code gate: blocked-upstream: POST \/anthropic\/v1\/messages: HTTP 5\d\d/,
    );
    expect(existsSync(claudeUser())).toBe(false);
    const forced = await run(['claude-code', '--model=broken', '--force']);
    ok(forced);
    expect(forced.stderr).toContain('warning: forced');
    await writeFile(claudeUser(), '{}\n');
    const undo = await run(['claude-code', '--undo']);
    expect(undo.exitCode).toBe(2);
    expect(undo.stderr).toContain('was changed after setup wrote it');
    ok(await run(['claude-code', '--undo', '--force']));
    expect(existsSync(claudeUser())).toBe(false);
  });
});

const CODEX_ORIGINAL = `# my codex config
model = "o3"   # the old model
approval_policy = "on-request"

[model_providers.other]
name = "Other"  # keep me
base_url = "https://other.example/v1"

# profiles
[profiles.fast]
model = "gpt-5"
`;

describe('setup codex', () => {
  it('adds [model_providers.llm-router] and sets model_provider/model, keeping comments and tables; undo restores the bytes', async () => {
    const file = join(d.t.home, '.codex', 'config.toml');
    await mkdir(join(d.t.home, '.codex'));
    await writeFile(file, CODEX_ORIGINAL, { mode: 0o600 });
    const r = await run(['codex', '--model=oa/ok']);
    ok(r);
    expect(r.stdout).toContain('export LLM_ROUTER_API_KEY=<your master key>');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(MASTER_KEY);
    expect(text).toBe(
      CODEX_ORIGINAL.replace('model = "o3"   # the old model', 'model = "oa/ok"   # the old model').replace(
        'approval_policy = "on-request"\n',
        'approval_policy = "on-request"\nmodel_provider = "llm-router"\n',
      ) + `\n[model_providers.llm-router]\nname = "llm-router"\nbase_url = "${d.url}/openai/v1"\nwire_api = "responses"\nenv_key = "LLM_ROUTER_API_KEY"\n`,
    );
    expect(parseToml(text)).toMatchObject({
      model_provider: 'llm-router',
      model_providers: { other: { name: 'Other' }, 'llm-router': { wire_api: 'responses' } },
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await run(['codex', '--undo']);
    expect(await readFile(file, 'utf8')).toBe(CODEX_ORIGINAL);
  });

  it('updates an existing llm-router table in place, keeping keys the user added; project scope; invalid TOML refused', async () => {
    const dir = await newProject();
    const file = join(dir, '.codex', 'config.toml');
    await mkdir(join(dir, '.codex'));
    const original = `model_provider = "llm-router"\n\n[model_providers.llm-router]\nname = "llm-router" # mine\nbase_url = "http://127.0.0.1:1/openai/v1"\nrequest_max_retries = 0\n`;
    await writeFile(file, original);
    ok(await run(['codex', '--scope=project'], dir));
    const text = await readFile(file, 'utf8');
    expect(text).toContain('name = "llm-router" # mine');
    expect(text).toContain(`base_url = "${d.url}/openai/v1"`);
    expect(text).toContain('request_max_retries = 0');
    expect(parseToml(text).model).toBe('coding');
    await run(['codex', '--scope=project', '--undo'], dir);
    expect(await readFile(file, 'utf8')).toBe(original);
    await writeFile(file, 'model = \n');
    const bad = await run(['codex', '--scope=project'], dir);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('is not valid TOML');
    expect(await readFile(file, 'utf8')).toBe('model = \n');
  });
});

describe('setup opencode', () => {
  it('adds a provider block with the key as an env reference, model and small_model, keeping JSONC comments', async () => {
    const file = join(d.t.home, '.config', 'opencode', 'opencode.json');
    await mkdir(join(d.t.home, '.config', 'opencode'), { recursive: true });
    const original = `{\n  // opencode settings\n  "theme": "opencode",\n  "provider": {\n    "other": { "npm": "@ai-sdk/openai" }\n  }\n}\n`;
    await writeFile(file, original);
    const r = await run(['opencode', '--model=coding', '--small-model=oa/ok']);
    ok(r);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('  // opencode settings\n  "theme": "opencode",');
    expect(text).not.toContain(MASTER_KEY);
    const doc = parseJsonc(text);
    expect(doc.provider.other).toEqual({ npm: '@ai-sdk/openai' });
    expect(doc.provider['llm-router']).toEqual({
      npm: '@ai-sdk/openai-compatible',
      name: 'llm-router',
      options: { baseURL: `${d.url}/openai/v1`, apiKey: '{env:LLM_ROUTER_API_KEY}' },
      models: { coding: { name: 'coding' }, 'oa/ok': { name: 'oa/ok' } },
    });
    expect(doc.model).toBe('llm-router/coding');
    expect(doc.small_model).toBe('llm-router/oa/ok');
    await run(['opencode', '--undo']);
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('project scope writes ./opencode.json with its $schema', async () => {
    const dir = await newProject();
    ok(await run(['opencode', '--scope=project'], dir));
    expect(parseJsonc(await readFile(join(dir, 'opencode.json'), 'utf8'))).toMatchObject({
      $schema: 'https://opencode.ai/config.json',
      model: 'llm-router/coding',
    });
  });
});

describe('setup without a running gateway', () => {
  it('refuses (exit 1, nothing written) unless --force', async () => {
    const other = await makeDaemonHome((url) => fakeProviderConfig(url));
    try {
      const r = await other.t.run(['setup', 'codex']);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('the gateway is not running (start it with: llm-router start)');
      expect(existsSync(join(other.t.home, '.codex', 'config.toml'))).toBe(false);
      const json = await other.t.run(['setup', 'codex', '--json']);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'GATE_FAILED' } });
      const forced = await other.t.run(['setup', 'codex', '--force']);
      ok(forced);
      expect(await readFile(join(other.t.home, '.codex', 'config.toml'), 'utf8')).toContain('base_url = "http://127.0.0.1:8787/openai/v1"');
    } finally {
      await other.cleanup();
    }
  });
});
