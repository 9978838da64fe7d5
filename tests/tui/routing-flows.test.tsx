import { afterEach, describe, expect, it } from 'vitest';
import { KEY, startTui, twoProviders, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h.done());

const openScreen = async (label: string) => {
  for (let i = 0; i < 8 && !new RegExp(`❯ ${label}`).test(h.frame()); i += 1) await h.press(KEY.down);
  await h.press(KEY.enter);
};

describe('TUI: aliases, fallbacks, buckets, master key', () => {
  it('creates an alias with weights and a fallback tier (typing q in a field types q)', async () => {
    h = await startTui({ config: twoProviders() });
    await openScreen('Aliases');
    await h.press(KEY.enter, 'Alias id');
    await h.type('quick');
    await h.press(KEY.enter, 'Strategy');
    await h.press(KEY.down, /❯ ordered/);
    await h.press(KEY.down, /❯ round-robin/);
    await h.press(KEY.down, /❯ weighted-rr/);
    expect(h.frame()).toContain('weighted');
    await h.press(KEY.enter, 'Targets');
    await h.press(KEY.space, 'Chosen, in order: openai/gpt-4.1');
    await h.press(KEY.down);
    await h.press(KEY.down);
    await h.press(KEY.space, 'Chosen, in order: openai/gpt-4.1, anthropic/claude-sonnet-4');
    await h.press(KEY.enter, 'Weight of openai/gpt-4.1');
    await h.press('\u007f'); // backspace over the offered 1
    await h.type('3');
    await h.press(KEY.enter, 'Weight of anthropic/claude-sonnet-4');
    await h.press(KEY.enter, 'Fallback tier');
    await h.press(KEY.space, 'Chosen, in order: openai/gpt-4.1-mini');
    await h.press(KEY.enter, 'review');
    expect(h.frame()).toContain('Targets:   openai/gpt-4.1@3, anthropic/claude-sonnet-4@1');
    await h.press(KEY.enter, 'Created alias quick');
    const config = await h.config();
    expect(config.modelAliases.quick).toEqual({
      strategy: 'weighted-rr',
      targets: [
        { ref: 'openai/gpt-4.1', weight: 3 },
        { ref: 'anthropic/claude-sonnet-4', weight: 1 },
      ],
      fallbackTargets: [{ ref: 'openai/gpt-4.1-mini' }],
    });
  });

  it('shows a cycle before saving and offers no Save', async () => {
    const config = {
      ...twoProviders(),
      modelAliases: { a: { strategy: 'ordered', targets: [{ ref: 'openai/gpt-4.1' }] }, b: { strategy: 'ordered', targets: [{ ref: 'a' }] } },
    };
    h = await startTui({ config });
    await openScreen('Aliases');
    await h.press(KEY.enter, 'Edit strategy and targets');
    await h.press(KEY.enter, 'Strategy');
    await h.press(KEY.enter, 'Targets');
    for (let i = 0; i < 3; i += 1) await h.press('j');
    expect(h.frame()).toMatch(/❯ \[ \] b \(alias\)/);
    await h.press(KEY.space, 'Chosen, in order: openai/gpt-4.1, b');
    await h.press(KEY.enter, 'Fallback tier');
    await h.press(KEY.enter, 'Cannot save yet');
    expect(h.frame()).toMatch(/alias cycle: a -> b -> a/);
    expect(h.frame()).not.toContain('❯ Save');
    expect((await h.config()).modelAliases.a.targets).toEqual([{ ref: 'openai/gpt-4.1' }]);
  });

  it("sets a model's fallbacks in the order picked", async () => {
    h = await startTui({ config: twoProviders() });
    await openScreen('Model fallbacks');
    await h.press(KEY.enter, 'Fall back to');
    await h.press(KEY.down);
    await h.press(KEY.space, 'Chosen, in order: anthropic/claude-sonnet-4');
    await h.press('k');
    await h.press(KEY.space, 'Chosen, in order: anthropic/claude-sonnet-4, openai/gpt-4.1-mini');
    // Each pick shows its place in the order.
    expect(h.frame()).toMatch(/❯ \[2\] openai\/gpt-4\.1-mini/);
    expect(h.frame()).toMatch(/\[1\] anthropic\/claude-sonnet-4/);
    await h.press(KEY.enter, 'review');
    // The form's title also says "Fallbacks of …"; the colon comes only with the saved notice.
    await h.press(KEY.enter, 'Fallbacks of openai/gpt-4.1: anthropic/claude-sonnet-4 -> openai/gpt-4.1-mini');
    const config = await h.config();
    expect(config.providers[0].models[0].fallbackModels).toEqual(['anthropic/claude-sonnet-4', 'openai/gpt-4.1-mini']);
    expect(h.frame()).toContain('openai/gpt-4.1 -> anthropic/claude-sonnet-4 -> openai/gpt-4.1-mini');
  });

  it('bucket wizard: chosen models, then "add another" for a combined 6-hour cap', async () => {
    h = await startTui({ config: twoProviders() });
    await openScreen('Rate-limit buckets');
    await h.press(KEY.enter, 'Provider');
    await h.press(KEY.enter, 'Bucket name');
    await h.type('forty a minute');
    await h.press(KEY.enter, 'Which models');
    await h.press(KEY.down, /❯ Choose models/);
    await h.press(KEY.enter, 'Models in this bucket');
    await h.press(KEY.enter, 'at least one model is required');
    await h.press(KEY.space, 'Chosen, in order: gpt-4.1');
    await h.press(KEY.enter, 'Request cap');
    await h.type('0');
    await h.press(KEY.enter, 'the cap must be a whole number greater than 0');
    await h.press('\u007f');
    await h.type('40');
    await h.press(KEY.enter, 'Window');
    await h.press(KEY.enter, 'review');
    expect(h.frame()).toContain('40 requests per minute on gpt-4.1');
    await h.press(KEY.enter, 'Add another bucket to openai?');
    await h.press(KEY.enter, 'Add another bucket to openai step 1');
    await h.type('six hours');
    await h.press(KEY.enter, 'Which models');
    await h.press(KEY.enter, 'Request cap');
    await h.type('600');
    await h.press(KEY.enter, 'Window');
    await h.press(KEY.down, /❯ per hour/);
    await h.press(KEY.enter, 'How many hours');
    await h.press('\u007f');
    await h.type('6');
    await h.press(KEY.enter, 'review');
    expect(h.frame()).toContain('600 requests per 6 hours on all models');
    await h.press(KEY.enter, 'Add another bucket to openai?');
    await h.press(KEY.down, /❯ No, done/);
    await h.press(KEY.enter, 'openai / six hours');
    const config = await h.config();
    expect(config.providers[0].rateLimits).toEqual([
      expect.objectContaining({ name: 'forty a minute', models: ['gpt-4.1'], requests: 40, window: { unit: 'minute', size: 1 } }),
      expect.objectContaining({ name: 'six hours', models: ['all'], requests: 600, window: { unit: 'hour', size: 6 } }),
    ]);
  });

  it('generates a master key, shows it once, and masks it afterwards', async () => {
    h = await startTui({ config: twoProviders() });
    await openScreen('Master key');
    await h.press(KEY.enter, 'shown only this once');
    const key = (await h.config()).masterKey as string;
    expect(key).toMatch(/^gw_[A-Za-z0-9_-]{32,}$/);
    expect(h.frame()).toContain(key);
    expect(h.frame()).toContain('copy it now');
    await h.press(KEY.enter, 'Current key:');
    expect(h.frame()).not.toContain(key);
    expect(h.frame()).toContain(`Current key: ${key.slice(0, 4)}...${key.slice(-4)}`);
  });
});
