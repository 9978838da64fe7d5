/**
 * The TUI's "Connect a coding tool" screen against a real gateway in front of the fake
 * provider: tool → scope → a model per tier → diff and live gate → apply, the connection
 * shown, then undo. Without a gateway the gate fails and only "Apply anyway" is offered.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig, startGateway, type RunningGateway } from '../helpers/gateway.js';
import { KEY, runningStats, startTui, type Harness } from './harness.js';

let fake: FakeProvider;
let gateway: RunningGateway;
let h: Harness;
beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fakeConfig(fake.url));
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
afterEach(() => h.done());

const openConnect = async () => {
  for (let i = 0; i < 12 && !/❯ Connect a coding tool/.test(h.frame()); i += 1) await h.press(KEY.down);
  await h.press(KEY.enter, 'Connect Claude Code');
};
const choose = async (label: string, expect: string | RegExp) => {
  for (let i = 0; i < 30 && !new RegExp(`❯ ${label}`).test(h.frame()); i += 1) await h.press(KEY.down);
  await h.press(KEY.enter, expect);
};

describe('TUI: connect a coding tool', () => {
  it('connects Claude Code through the live gate, shows it connected, and undoes it', async () => {
    const port = Number(new URL(gateway.url).port);
    h = await startTui({ config: fakeConfig(fake.url), stats: { ...runningStats(), port } });
    await openConnect();
    expect(h.frame()).toContain(`Gateway: http://127.0.0.1:${port}`);
    expect(h.frame()).toContain('No coding tool is configured yet.');
    await h.press(KEY.enter, 'Connect Claude Code: where?');
    expect(h.frame()).toContain(join(h.dir, '.claude', 'settings.json'));
    await h.press(KEY.enter, 'tier "sonnet"');
    expect(h.frame()).toContain('❯ oa/ok'); // the config's default model is offered first
    await h.press(KEY.enter, 'tier "opus"');
    await choose('an/ok', 'tier "haiku"');
    await h.press(KEY.enter, 'Gate passed');
    expect(h.frame()).toContain(`+    "ANTHROPIC_BASE_URL": "${gateway.url}/anthropic",`);
    expect(h.frame()).toContain('❯ Apply');
    await h.press(KEY.enter, 'Claude Code now uses the gateway');
    await h.waitFor('● connected Claude Code (user)');
    const settings = JSON.parse(await readFile(join(h.dir, '.claude', 'settings.json'), 'utf8'));
    expect(settings.env).toMatchObject({
      ANTHROPIC_BASE_URL: `${gateway.url}/anthropic`,
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'oa/ok',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'an/ok',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'oa/ok',
    });
    expect(h.frame()).toContain('Connect Claude Code (connected)');
    await choose('Undo Claude Code \\(user\\)', 'Removed');
    expect(existsSync(join(h.dir, '.claude', 'settings.json'))).toBe(false);
    await h.waitFor('No coding tool is configured yet.');
  });

  it('without a running gateway the gate fails and only "Apply anyway" is offered; Esc goes back', async () => {
    h = await startTui({ config: fakeConfig(fake.url) });
    await openConnect();
    expect(h.frame()).toContain('The gateway is not running');
    await choose('Connect Codex CLI', 'Connect Codex CLI: where?');
    await choose('This project', 'Model for Codex CLI');
    await h.press(KEY.enter, 'Gate failed: the gateway is not running');
    expect(h.frame()).toContain('❯ Apply anyway');
    expect(h.frame()).toContain('+[model_providers.llm-router]');
    expect(existsSync(join(h.dir, '.codex', 'config.toml'))).toBe(false);
    await h.press(KEY.esc, 'Connect Claude Code');
    expect(existsSync(join(h.dir, '.codex', 'config.toml'))).toBe(false);
  });
});
