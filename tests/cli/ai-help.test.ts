/** `llm-router ai-help` as an agent runs it: no config, a config without a gateway, a failing gate, all green. */
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { fakeProviderConfig, makeDaemonHome, MASTER_KEY, type DaemonHome } from '../helpers/daemon-home.js';

let t: TempHome | undefined;
let d: DaemonHome | undefined;
afterEach(async () => {
  await t?.cleanup();
  await d?.cleanup();
  t = undefined;
  d = undefined;
});

const SECRETS = [MASTER_KEY, 'sk-oa-upstream-secret-123456', 'sk-an-upstream-secret-123456'];
const noSecrets = (text: string) => {
  for (const s of SECRETS) expect(text).not.toContain(s);
};
const section = (text: string, title: string) => text.slice(text.indexOf(`## ${title}`)).split(/\n## /)[0] ?? '';

describe('llm-router ai-help', () => {
  it('with no config: the header, empty state, gate not run, and "add a provider" first', async () => {
    t = await makeTempHome();
    const r = await t.run(['ai-help']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^# AI-HELP\nENTITY: llm-router.*\nMODE: cli-agent\nPROFILE: agent-guide-v2\n/);
    const state = section(r.stdout, 'CURRENT STATE');
    for (const line of [
      'config_exists=false',
      'providers=0',
      'aliases=0',
      'master_key=unset',
      'server_running=false',
      'live_test=skipped (the gateway is not running)',
    ]) {
      expect(state).toContain(line);
    }
    expect(section(r.stdout, 'PRE-PATCH API GATE')).toContain('gate claude-code=unknown');
    const next = section(r.stdout, 'NEXT SUGGESTIONS');
    expect(next).toMatch(/^## NEXT SUGGESTIONS\n1\. Add a provider: llm-router config --operation=upsert-provider/);
    for (const s of ['PATCH PLAYBOOKS', 'CLI WORKFLOWS', 'SAME CHECKS WITH CURL', 'MODEL / ALIAS DECISION']) expect(r.stdout).toContain(`## ${s}`);
  });

  it('refuses a live-test timeout outside 500-60000 and unknown flags (exit 2)', async () => {
    t = await makeTempHome();
    for (const bad of ['--live-test-timeout-ms=499', '--live-test-timeout-ms=60001', '--live-test-timeout-ms=abc']) {
      const r = await t.run(['ai-help', bad]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('--live-test-timeout-ms must be a whole number from 500 to 60000');
    }
    const r = await t.run(['ai-help', '--skip-live-tests']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('did you mean --skip-live-test');
  });

  it('with a config but no gateway: counts, aliases, suggests starting it, never prints a secret', async () => {
    d = await makeDaemonHome((url) => fakeProviderConfig(url));
    const r = await d.t.run(['ai-help']);
    expect(r.exitCode).toBe(0);
    noSecrets(r.stdout);
    const state = section(r.stdout, 'CURRENT STATE');
    for (const line of [
      'providers=2',
      'models=3',
      'aliases=2',
      'alias_strategies=coding:ordered,broken:ordered',
      'default_model=coding',
      'master_key=set',
      'server_running=false',
    ]) {
      expect(state).toContain(line);
    }
    expect(r.stdout).toContain('recommended=coding');
    expect(r.stdout).toContain('curl -sS -X POST http://127.0.0.1:8787/openai/v1/responses -H "Authorization: Bearer $LLM_ROUTER_API_KEY"');
    expect(section(r.stdout, 'NEXT SUGGESTIONS')).toContain('Start the gateway: llm-router start --require-auth=true');
    const json = await d.t.run(['ai-help', '--json']);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({
      ok: true,
      profile: 'agent-guide-v2',
      state: { running: false, masterKey: true },
      gate: { ran: false, skipped: 'the gateway is not running' },
    });
    noSecrets(json.stdout);
  });

  it('with a running gateway whose model fails upstream: probes answer, every API gate is blocked', async () => {
    d = await makeDaemonHome((url) => fakeProviderConfig(url, { defaultModel: 'broken' }));
    await d.start();
    const r = await d.t.run(['ai-help']);
    expect(r.exitCode).toBe(0);
    noSecrets(r.stdout);
    expect(r.stdout).toContain(`server_endpoint=${d.url}`);
    expect(r.stdout).toContain('require_auth=true');
    const gate = section(r.stdout, 'PRE-PATCH API GATE');
    expect(gate).toContain('model_under_test=broken');
    expect(gate).toMatch(/probe health GET \/health -> 200 ok/);
    expect(gate).toMatch(/probe openai-models GET \/openai\/v1\/models -> 200 ok/);
    expect(gate).toMatch(/probe responses POST \/openai\/v1\/responses -> 5\d\d FAIL/);
    expect(gate).toMatch(/gate claude-code=blocked \(blocked-upstream: POST \/anthropic\/v1\/messages: HTTP 5\d\d/);
    expect(gate).toMatch(/gate codex=blocked/);
    expect(gate).toMatch(/gate opencode=blocked/);
    expect(section(r.stdout, 'NEXT SUGGESTIONS')).toContain('Fix the Claude Code gate');
  });

  it('all green: every probe passes, every tool is ready, setup is suggested; a wrong token shows blocked-auth', async () => {
    d = await makeDaemonHome((url) => fakeProviderConfig(url));
    await d.start();
    const r = await d.t.run(['ai-help', '--json']);
    expect(r.exitCode).toBe(0);
    noSecrets(r.stdout);
    const doc = JSON.parse(r.stdout);
    expect(doc.state).toMatchObject({ running: true, endpoint: d.url, requireAuth: true });
    expect(doc.gate.probes.filter((p: { ok: boolean; id: string }) => !p.ok).map((p: { id: string }) => p.id)).toEqual(['auth-required']);
    expect(doc.gate.tools.map((g: { tool: string; ready: boolean }) => [g.tool, g.ready])).toEqual([
      ['claude-code', true],
      ['codex', true],
      ['opencode', true],
    ]);
    expect(doc.nextSuggestions).toContain('Connect Claude Code: llm-router setup claude-code --dry-run, then without --dry-run');
    const text = await d.t.run(['ai-help']);
    expect(text.stdout).toContain('gate codex=ready (ready)');
    const wrong = await d.t.run(['ai-help', '--gateway-auth-token=not-the-key-123']);
    expect(wrong.stdout).toMatch(/gate claude-code=blocked \(blocked-auth: GET \/anthropic\/v1\/models: HTTP 401/);
    expect(wrong.stdout).not.toContain('not-the-key-123');
    const skipped = await d.t.run(['ai-help', '--skip-live-test']);
    expect(skipped.stdout).toContain('live_test=skipped (--skip-live-test)');
  });
});
