import { afterEach, describe, expect, it } from 'vitest';
import { startProbeFake, type ProbeFake } from '../helpers/fake-probe-provider.js';
import { KEY, startTui, type Harness } from './harness.js';

let h: Harness;
let fake: ProbeFake | undefined;
afterEach(async () => {
  await h.done();
  await fake?.close();
  fake = undefined;
});

const KEY_TEXT = 'sk-tui-probe-secret-9876';

async function addOther(url: string) {
  await h.press(KEY.enter, '+ Add a provider');
  await h.press(KEY.enter, /❯ OpenRouter/);
  await h.press(KEY.up, /❯ Other/);
  await h.press(KEY.enter, 'Name');
  await h.type('Fake');
  await h.press(KEY.enter, 'Provider id');
  await h.press(KEY.enter, 'Base URL');
  await h.type(url);
  await h.press(KEY.enter, /❯ Type the key/);
  await h.press(KEY.enter, 'hidden as you type');
  await h.type(KEY_TEXT, '••••');
  await h.press(KEY.enter, 'Probe the provider now?');
  await h.press(KEY.enter, 'review');
  expect(h.frame()).toContain('chosen from what the provider lists');
  await h.press(KEY.enter, 'Models to add');
}

describe('TUI: add a provider with the probe', () => {
  it('starts from a preset: no base URL to type, no key for a local server', async () => {
    h = await startTui();
    await h.press(KEY.enter, '+ Add a provider');
    await h.press(KEY.enter, /❯ OpenRouter/);
    for (let i = 0; i < 9; i += 1) await h.press(KEY.down);
    expect(h.frame()).toMatch(/❯ Ollama \(local\)/);
    expect(h.frame()).toContain('http://127.0.0.1:11434/v1');
    await h.press(KEY.enter, 'Name');
    await h.press(KEY.enter, 'Provider id');
    expect(h.frame()).toContain('› ollama');
    await h.press(KEY.enter, /❯ No key \(local server\)/);
    await h.press(KEY.enter, 'Probe the provider now?');
    await h.press(KEY.enter, 'review');
    expect(h.frame()).toContain('Preset:   Ollama (local)');
    expect(h.frame()).toContain('Base URL: http://127.0.0.1:11434/v1');
    expect(h.frame()).toContain('Probe the provider');
  });

  it('probes, offers the listed models with search, confirms the picks and saves them with their formats', async () => {
    const ids = [...Array.from({ length: 40 }, (_, i) => `gpt-${i}`), 'claude-a', 'claude-b'];
    fake = await startProbeFake({ key: KEY_TEXT, auth: 'any', formats: { openai: '/v1', claude: '/v1' }, models: ids });
    h = await startTui();
    await addOther(fake.url);
    expect(h.frame()).toContain('(42 of 42 shown, 0 picked)');
    await h.type('claude', '(2 of 42 shown');
    await h.press('\u0001', '2 picked'); // Ctrl+A picks all shown
    await h.press(KEY.enter, /✓ .*fake/);
    expect(h.frame()).toContain('confirmed 2 of 2 model(s): claude-a (claude), claude-b (claude)');
    const config = await h.config();
    expect(config.providers[0]).toMatchObject({ id: 'fake', formats: ['openai', 'claude'], apiKey: KEY_TEXT });
    expect(config.providers[0].models).toEqual([
      { id: 'claude-a', formats: ['claude'] },
      { id: 'claude-b', formats: ['claude'] },
    ]);
    expect(h.frame()).not.toContain(KEY_TEXT);
  });

  it('asks before saving a partial result, and saves nothing on No', async () => {
    fake = await startProbeFake({ key: KEY_TEXT, formats: { openai: '/v1' }, models: ['ok-1', 'gone-1'], refused: ['gone-1'] });
    h = await startTui();
    await addOther(`${fake.url}/v1`);
    await h.press(KEY.space, '1 picked');
    await h.press(KEY.down);
    await h.press(KEY.space, '2 picked');
    await h.press(KEY.enter, 'Some of it did not confirm');
    expect(h.frame()).toMatch(/model gone-1: model-unsupported/);
    expect(h.frame()).toContain('with the 1 confirmed model(s) only?');
    await h.press(KEY.enter, '+ Add a provider'); // "No" is first: back to the list
    await expect(h.config()).rejects.toThrow();
  });
});
