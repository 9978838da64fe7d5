/** The UI's own preferences file (conf): round-trips, and a foreign value reads as unset. */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPrefs } from '../../src/tui/prefs-store.js';

let dir: string;
const saved = process.env.XDG_CONFIG_HOME;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'llm-router-prefs-'));
  process.env.XDG_CONFIG_HOME = dir;
});
afterEach(async () => {
  if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = saved;
  await rm(dir, { recursive: true, force: true });
});

// conf follows XDG_CONFIG_HOME on Linux only (macOS uses ~/Library/Preferences): never touch a real home.
describe.skipIf(process.platform !== 'linux')('TUI preferences', () => {
  it('stores seenHelp in llm-router/tui.json under the config dir', async () => {
    const prefs = openPrefs();
    expect(prefs.get('seenHelp')).toBeUndefined();
    prefs.set('seenHelp', true);
    expect(JSON.parse(await readFile(join(dir, 'llm-router', 'tui.json'), 'utf8'))).toEqual({ seenHelp: true });
    expect(openPrefs().get('seenHelp')).toBe(true);
  });

  it('reads a hand-edited value of the wrong type as unset', async () => {
    await mkdir(join(dir, 'llm-router'), { recursive: true });
    await writeFile(join(dir, 'llm-router', 'tui.json'), JSON.stringify({ seenHelp: 'yes' }));
    expect(openPrefs().get('seenHelp')).toBeUndefined();
  });
});
