/**
 * Issue #14's "done when", end to end from a fresh HOME: a provider from a preset and a key
 * (the scripted model; its models discovered and their format confirmed by the probe) and
 * an alias, the gateway started, Claude Code
 * connected with `llm-router setup claude-code`, then the real `claude -p` answers through
 * the gateway reading only the settings file setup wrote (no ANTHROPIC_* variables in its
 * environment), and `setup --undo` puts the user's original file back byte for byte.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { ROOT } from './harness.js';
import { startScriptedModel, type ScriptedModel } from './scripted-model.js';

vi.setConfig({ testTimeout: 120_000 });

let model: ScriptedModel;
let home: string;
let port: number;
const env = () => ({ HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1' });
const llr = (args: string[]) =>
  execa(process.execPath, [join(ROOT, 'dist/llm-router.js'), ...args], { env: env(), extendEnv: false, reject: false, timeout: 30_000 });

beforeAll(async () => {
  model = await startScriptedModel();
  home = mkdtempSync(join(tmpdir(), 'llr-e2e-setup-'));
  port = await freePort();
});
afterAll(async () => {
  await llr(['stop']);
  await model.close();
  rmSync(home, { recursive: true, force: true });
});

// Claude Code reads settings.json as strict JSON (a comment makes it ignore the whole file).
const ORIGINAL = '{\n    "theme": "dark",\n    "env": { "EDITOR_HINT": "vim" },\n    "includeCoAuthoredBy": false\n}\n';

describe('fresh HOME -> provider, alias, gateway, setup claude-code -> real claude -p', () => {
  it('answers through the gateway from the settings file alone, and undo restores the original', async () => {
    const steps = [
      // Only a preset and a key (and, as this provider is local, its URL): the probe finds the rest.
      ['config', '--operation=upsert-provider', '--preset=anthropic', `--base-url=${model.url}`, '--api-key=sk-scripted-an'],
      ['config', '--operation=upsert-model-alias', '--alias-id=coding', '--strategy=ordered', '--targets=anthropic/scripted-claude'],
      ['config', '--operation=set-master-key', '--generate-master-key=true'],
      ['start', `--port=${port}`],
    ];
    for (const args of steps) {
      const r = await llr(args);
      expect(r.exitCode, `${args.join(' ')}: ${String(r.stderr)}`).toBe(0);
    }
    const provider = JSON.parse(readFileSync(join(home, '.llm-router.json'), 'utf8')).providers[0];
    expect(provider.models.map((m: { id: string }) => m.id)).toEqual(['scripted-claude', 'scripted-gpt', 'scripted-codex']);
    expect(provider.models[0].formats).toEqual(['claude']);
    const settings = join(home, '.claude', 'settings.json');
    mkdirSync(join(home, '.claude'));
    writeFileSync(settings, ORIGINAL, { mode: 0o600 });

    const setup = await llr(['setup', 'claude-code', '--model=coding']);
    expect(setup.exitCode, String(setup.stderr)).toBe(0);
    const written = readFileSync(settings, 'utf8');
    expect(written).toContain(`"ANTHROPIC_BASE_URL": "http://127.0.0.1:${port}/anthropic"`);
    expect(written).toContain('"includeCoAuthoredBy": false');
    expect(JSON.parse(written).env.EDITOR_HINT).toBe('vim');

    const work = join(home, 'work');
    mkdirSync(work);
    const token = randomBytes(5).toString('hex');
    // Only what Claude Code needs to run offline; nothing that points it anywhere.
    const claudeEnv = {
      ...env(),
      LANG: 'C.UTF-8',
      TERM: 'dumb',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_ERROR_REPORTING: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    };
    for (const name of Object.keys(claudeEnv)) expect(name.startsWith('ANTHROPIC_')).toBe(false);
    const before = model.requests.length;
    const run = await execa(
      join(ROOT, 'node_modules', '.bin', 'claude'),
      ['-p', `Please run the shell. TOKEN=${token} FILE=out.txt`, '--allowedTools', 'Bash', '--max-turns', '4'],
      {
        cwd: work,
        env: claudeEnv,
        extendEnv: false,
        reject: false,
        timeout: 90_000,
        input: '',
      },
    );
    expect(run.exitCode, `${String(run.stdout)}\n${String(run.stderr)}`).toBe(0);
    expect(readFileSync(join(work, 'out.txt'), 'utf8')).toBe(`${token}-1`);
    expect(String(run.stdout)).toContain(`I saw: ${token}-1`);
    // It went through the gateway (the alias resolved to the scripted model).
    expect(model.requests.length).toBeGreaterThan(before);
    expect(model.requests.slice(before).some((r) => r.body?.model === 'scripted-claude')).toBe(true);

    const undo = await llr(['setup', 'claude-code', '--undo']);
    expect(undo.exitCode, String(undo.stderr)).toBe(0);
    expect(readFileSync(settings, 'utf8')).toBe(ORIGINAL);
  });
});
