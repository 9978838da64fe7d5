import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { colorsFor } from '../../src/cli/io.js';

describe('colour', () => {
  const tty = { write: () => true, isTTY: true };
  it('colours a terminal', () => {
    expect(colorsFor(tty, {}, {}).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
  it.each([
    ['NO_COLOR', { NO_COLOR: '1' }, {}],
    ['--no-color', {}, { 'no-color': true }],
    ['no terminal', {}, {}],
  ])('never colours with %s', (name, env, flags) => {
    const stream = name === 'no terminal' ? { write: () => true, isTTY: false } : tty;
    expect(colorsFor(stream, env, flags).red('x')).toBe('x');
  });
});

describe('parseArgs', () => {
  it('reads --k=v, --k v, bare flags, -h/-v and the help/setup synonyms', () => {
    expect(parseArgs(['config', '--operation', 'list', '--json', '--models=a,b', '--skip-probe'])).toEqual({
      command: 'config',
      positionals: [],
      flags: { operation: 'list', json: true, models: 'a,b', 'skip-probe': true },
    });
    expect(parseArgs(['help', 'config'])).toEqual({ command: 'config', positionals: [], flags: { help: true } });
    expect(parseArgs(['setup', '--operation=list']).command).toBe('config');
    expect(parseArgs(['setup', 'codex', '--dry-run']).command).toBe('setup');
    expect(parseArgs(['setup', '--dry-run', 'codex'])).toMatchObject({ positionals: ['codex'], flags: { 'dry-run': true } });
    expect(parseArgs(['-v']).flags).toEqual({ version: true });
  });
  it('does not take a value that starts with a dash, nor one after --json', () => {
    expect(parseArgs(['config', '--clear', '--json', 'extra']).flags).toEqual({ clear: true, json: true });
    expect(parseArgs(['config', '--json', 'extra']).positionals).toEqual(['extra']);
  });
  it('keeps "=" inside values and everything after --', () => {
    expect(parseArgs(['config', '--headers={"a":"b=c"}', '--', '--x']).flags.headers).toBe('{"a":"b=c"}');
    expect(parseArgs(['config', '--', '--x']).positionals).toEqual(['--x']);
  });
});
