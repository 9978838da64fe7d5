/**
 * The TUI in a real terminal: tmux runs the built CLI at 80x24 in a temporary HOME. The
 * home screen paints, arrows and Enter navigate, Esc goes back, and q exits cleanly with
 * the terminal restored (the alternate screen is gone and the shell's text is back), even
 * with CI=true inherited from the shell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeTempHome, providerArgs, type TempHome } from '../helpers/cli.js';
import { sleep, startTmux, tmuxAvailable, type TmuxSession } from '../helpers/tmux.js';

const hasTmux = tmuxAvailable('the TUI smoke test');
let t: TempHome;
let term: TmuxSession;
const waitFor = (text: string | RegExp) => term.waitFor(text);
const keys = (...k: string[]) => term.keys(...k);

describe.skipIf(!hasTmux)('TUI in a real terminal (tmux)', () => {
  beforeAll(async () => {
    t = await makeTempHome();
    expect((await t.run(providerArgs('openai'))).exitCode).toBe(0);
    // CI=true: Ink paints nothing "in CI"; the UI must still paint on a real terminal.
    const command = `printf 'BEFORE-TUI\\n'; HOME='${t.home}' CI=true NO_COLOR=1 '${process.execPath}' '${BIN}'; echo "EXITED-$?"; sleep 60`;
    term = await startTmux(`llr-smoke-${process.pid}`, command);
  });
  afterAll(async () => {
    term?.kill();
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
    // The wizard starts from the presets; "Other" (the last, one Up from the first) asks for a name.
    await waitFor('❯ OpenRouter');
    await keys('Up');
    await waitFor('❯ Other');
    await keys('Enter');
    await waitFor('Name');
    // One chunk, as a fast typist or a paste delivers it, with two backspaces inside it.
    await term.literal('Opxx\x7f\x7fenRoutxx');
    await sleep(400);
    await term.tmux('send-keys', '-t', term.name, 'BSpace', 'BSpace');
    await term.literal('er');
    const shown = await waitFor('OpenRouter');
    expect(shown).not.toMatch(/OpenRoute[^r]/);
    for (let i = 0; i < 6 && !(await term.screen()).includes('llm-router › Home'); i += 1) await keys('Escape');
    await waitFor('llm-router › Home');
  });

  it('q exits with status 0 and restores the terminal', async () => {
    await keys('q');
    const after = await waitFor('EXITED-0');
    expect(after).toContain('BEFORE-TUI');
    expect(after).not.toContain('llm-router ›');
  });
});
