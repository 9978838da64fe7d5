import { afterEach, describe, expect, it } from 'vitest';
import { KEY, startTui, twoProviders, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h.done());

describe('TUI: providers', () => {
  it('adds a provider with a masked key, through the operations layer', async () => {
    h = await startTui();
    await h.press(KEY.enter, '+ Add a provider');
    await h.press(KEY.enter, /❯ OpenRouter/);
    await h.press(KEY.up, /❯ Other \(enter a base URL\)/);
    await h.press(KEY.enter, 'Name');
    await h.type('My OpenAI');
    await h.press(KEY.enter, 'Provider id');
    expect(h.frame()).toContain('my-openai');
    await h.press(KEY.enter, 'Base URL');
    await h.type('https://api.openai.com/v1');
    await h.press(KEY.enter, /❯ Type the key/);
    await h.press(KEY.enter, 'hidden as you type');
    await h.type('sk-live-abcdefghijklmnop', '••••');
    expect(h.frame()).not.toContain('sk-live-abcdefghijklmnop');
    await h.press(KEY.enter, 'Probe the provider now?');
    await h.press(KEY.down, /❯ Skip the probe/);
    await h.press(KEY.enter, 'API format');
    await h.press(KEY.enter, 'Models');
    await h.type('gpt-4.1, gpt-4.1-mini');
    await h.press(KEY.enter, 'review');
    expect(h.frame()).toContain('API key:  sk-l...mnop');
    expect(h.frame()).not.toContain('sk-live-abcdefghijklmnop');
    await h.press(KEY.enter, /✓ .*my-openai/);
    const config = await h.config();
    expect(config.providers).toEqual([
      expect.objectContaining({
        id: 'my-openai',
        name: 'My OpenAI',
        baseUrl: 'https://api.openai.com/v1',
        format: 'openai',
        apiKey: 'sk-live-abcdefghijklmnop',
        models: [{ id: 'gpt-4.1' }, { id: 'gpt-4.1-mini' }],
      }),
    ]);
    expect(h.frame()).toContain('my-openai · openai · 2 model(s) · key sk-l...mnop');
  });

  it('validates fields inline and keeps the user on the field', async () => {
    h = await startTui();
    await h.press(KEY.enter, '+ Add a provider');
    await h.press(KEY.enter, /❯ OpenRouter/);
    await h.press(KEY.up, /❯ Other/);
    await h.press(KEY.enter, 'Name');
    await h.press(KEY.enter, 'the name is required');
    await h.type('x');
    await h.press(KEY.enter, 'Provider id');
    await h.press(KEY.enter, 'Base URL');
    await h.type('not a url');
    await h.press(KEY.enter, '"not a url" is not a URL');
    expect(h.frame()).toContain('Base URL');
    await expect(h.config()).rejects.toThrow();
  });

  it('edits a provider keeping its key, and removes one only after confirmation', async () => {
    h = await startTui({ config: twoProviders() });
    await h.press(KEY.enter, 'anthropic');
    await h.press(KEY.enter, 'Edit');
    await h.press(KEY.enter, 'Name');
    await h.press(KEY.enter, 'API format');
    await h.press(KEY.enter, 'Base URL');
    await h.press(KEY.enter, 'Keep the current key');
    await h.press(KEY.enter, 'Models');
    await h.type(', gpt-5', 'gpt-4.1-mini, gpt-5');
    await h.press(KEY.enter, 'review');
    await h.press(KEY.enter, /✓/);
    let config = await h.config();
    expect(config.providers[0]).toMatchObject({
      id: 'openai',
      apiKey: 'sk-openai-secret-1234',
      models: [{ id: 'gpt-4.1' }, { id: 'gpt-4.1-mini' }, { id: 'gpt-5' }],
    });

    await h.press(KEY.down);
    expect(h.frame()).toMatch(/❯ anthropic/);
    await h.press(KEY.enter, 'Remove…');
    await h.press(KEY.down, /❯ Remove/);
    await h.press(KEY.enter, 'Remove provider anthropic?');
    await h.press(KEY.enter, /❯ anthropic/); // "No, keep it" is first
    config = await h.config();
    expect(config.providers.map((p: { id: string }) => p.id)).toEqual(['openai', 'anthropic']);
    await h.press(KEY.enter, 'Remove…');
    await h.press(KEY.down, /❯ Remove/);
    await h.press(KEY.enter, 'Remove provider anthropic?');
    await h.press(KEY.down, /❯ Yes, remove anthropic/);
    await h.press(KEY.enter, 'Removed provider anthropic');
    config = await h.config();
    expect(config.providers.map((p: { id: string }) => p.id)).toEqual(['openai']);
  });
});
