/**
 * The TUI in a real terminal: tmux runs the built CLI at 80x24 in a temporary HOME. The
 * home screen paints, arrows and Enter navigate, Esc goes back, and q exits cleanly with
 * the terminal restored (the alternate screen is gone and the shell's text is back), even
 * with CI=true inherited from the shell.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeTempHome, providerArgs, type TempHome } from '../helpers/cli.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux && process.env.LLM_ROUTER_REQUIRE_TMUX)
  throw new Error('tmux is required for the TUI smoke test (LLM_ROUTER_REQUIRE_TMUX is set) but is not installed');

const SESSION = `llr-smoke-${process.pid}`;
let t: TempHome;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SESSION, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', SESSION);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(text: string | RegExp, ms = 8000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const s = screen();
    if (typeof text === 'string' ? s.includes(text) : text.test(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${String(text)}; the terminal shows:\n${s}`);
    await sleep(25);
  }
}

async function keys(...k: string[]): Promise<void> {
  tmux('send-keys', '-t', SESSION, ...k);
  await sleep(250);
}

describe.skipIf(!hasTmux)('TUI in a real terminal (tmux)', () => {
  beforeAll(async () => {
    t = await makeTempHome();
    expect((await t.run(providerArgs('openai'))).exitCode).toBe(0);
    // CI=true: Ink paints nothing "in CI"; the UI must still paint on a real terminal.
    const command = `printf 'BEFORE-TUI\\n'; HOME='${t.home}' CI=true NO_COLOR=1 '${process.execPath}' '${BIN}'; echo "EXITED-$?"; sleep 60`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', command);
  });
  afterAll(async () => {
    spawnSync('tmux', ['-L', SESSION, 'kill-server']);
    await t.run(['stop']);
    await t.cleanup();
  });

  it('paints the home screen (with the key help on first launch) at 80x24', async () => {
    const first = await waitFor('llm-router › Home');
    expect(first).toContain('? or Esc closes this panel.');
    await keys('Escape');
    const home = await waitFor('Providers (1)');
    expect(home).toContain('Gateway ○ stopped');
    expect(home).toContain('q quit');
    expect(home.split('\n').every((line) => line.length <= 80)).toBe(true);
  });

  it('navigates with arrows, Enter and Esc', async () => {
    await keys('Enter');
    await waitFor(/llm-router › Providers[\s\S]*openai · openai · 2 model\(s\)/);
    await keys('Escape');
    await waitFor('llm-router › Home');
    await keys('Down');
    await keys('Down');
    await keys('Enter');
    await waitFor('llm-router › Aliases and strategies');
    await keys('Escape');
    await waitFor('llm-router › Home');
  });

  it('a text field keeps a burst of keys with backspaces (one send-keys chunk)', async () => {
    await keys('Enter');
    await waitFor('llm-router › Providers');
    await keys('Down');
    await keys('Enter');
    await waitFor('Name');
    // One chunk, as a fast typist or a paste delivers it, with two backspaces inside it.
    tmux('send-keys', '-t', SESSION, '-l', 'Opxx\x7f\x7fenRoutxx');
    await sleep(400);
    tmux('send-keys', '-t', SESSION, 'BSpace', 'BSpace');
    tmux('send-keys', '-t', SESSION, '-l', 'er');
    const shown = await waitFor('OpenRouter');
    expect(shown).not.toMatch(/OpenRoute[^r]/);
    await keys('Escape');
    await keys('Escape');
    await keys('Escape');
    await waitFor('llm-router › Home');
  });

  it('q exits with status 0 and restores the terminal', async () => {
    await keys('q');
    const after = await waitFor('EXITED-0');
    expect(after).toContain('BEFORE-TUI');
    expect(after).not.toContain('llm-router ›');
  });
});
