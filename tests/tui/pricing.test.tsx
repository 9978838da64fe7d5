/** The Model pricing screen: set a model's prices with validation, see them listed, change and remove them. */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, startTui, twoProviders, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h.done());

const BACKSPACE = '\u007f';

describe('TUI: model pricing', () => {
  it('sets prices with validation messages, lists them, and removes them', async () => {
    h = await startTui({ config: twoProviders() });
    expect(h.frame()).toContain('Model pricing (0 priced)');
    for (let i = 0; i < 8 && !/❯ Model pricing/.test(h.frame()); i += 1) await h.press(KEY.down);
    await h.press(KEY.enter, 'openai/gpt-4.1  (no pricing)');
    await h.press(KEY.enter, 'Input price (USD per million tokens)');
    await h.type('3x');
    await h.press(KEY.enter, 'the input price must be a number of USD per million tokens, 0 or more (got "3x")');
    await h.press(BACKSPACE);
    await h.press(KEY.enter, 'Output price');
    await h.press(KEY.enter, 'the output price is required');
    await h.type('200000');
    await h.press(KEY.enter, 'the output price must be at most 100000');
    for (let i = 0; i < 6; i += 1) await h.press(BACKSPACE);
    await h.type('15');
    await h.press(KEY.enter, 'Cache-read price');
    expect(h.frame()).toContain('Blank: the same as the input price.');
    await h.type('0.3');
    await h.press(KEY.enter, 'Cache-write price');
    await h.press(KEY.enter, 'review');
    expect(h.frame()).toContain('openai/gpt-4.1: $3/M in, $15/M out, $0.3/M cache read');
    await h.press(KEY.enter, 'Pricing of openai/gpt-4.1: $3/M in, $15/M out, $0.3/M cache read');
    expect((await h.config()).providers[0].models[0]).toEqual({ id: 'gpt-4.1', pricing: { input: 3, output: 15, cacheRead: 0.3 } });
    expect(h.frame()).toContain('openai/gpt-4.1  $3 in, $15 out, cache $0.3/$3 per M');

    // Edit: the current prices are offered; then remove.
    await h.press(KEY.enter, 'What to do');
    await h.press(KEY.enter, 'Input price');
    expect(h.frame()).toContain('› 3');
    await h.press(KEY.esc, 'What to do');
    await h.press(KEY.down, /❯ Remove the pricing/);
    expect(h.frame()).toContain('Requests to this model then show no cost');
    await h.press(KEY.enter, 'review');
    expect(h.frame()).toContain('openai/gpt-4.1: no pricing (cost not computed)');
    await h.press(KEY.enter, 'Cleared the pricing of openai/gpt-4.1');
    expect((await h.config()).providers[0].models[0]).toEqual({ id: 'gpt-4.1' });
    await h.press(KEY.esc, 'Model pricing (0 priced)');
  });
});
