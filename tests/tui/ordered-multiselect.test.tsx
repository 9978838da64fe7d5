/** The ordered multiselect on its own: j/k and arrows (wrapping), picks numbered in order, scrolling. */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { OrderedMultiSelect, scrollTop } from '../../src/tui/components/OrderedMultiSelect.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const options = Array.from({ length: 12 }, (_, i) => ({ label: `model-${i + 1}`, value: `p/m${i + 1}` }));

async function mount(initial: string[] = [], visibleCount = 6) {
  const events: { changes: string[][]; submitted?: string[] } = { changes: [] };
  const r = render(
    <OrderedMultiSelect
      options={options}
      initial={initial}
      visibleCount={visibleCount}
      onChange={(c) => events.changes.push(c)}
      onSubmit={(c) => (events.submitted = c)}
    />,
  );
  await sleep(30);
  const press = async (key: string) => {
    r.stdin.write(key);
    await sleep(30);
  };
  return { r, events, press, frame: () => r.lastFrame() ?? '' };
}

describe('scrollTop', () => {
  it('moves the window only as far as needed to keep the focus in view', () => {
    expect(scrollTop(0, 3, 4, 12)).toBe(0);
    expect(scrollTop(0, 4, 4, 12)).toBe(1);
    expect(scrollTop(5, 2, 4, 12)).toBe(2);
    expect(scrollTop(0, 11, 4, 12)).toBe(8);
    expect(scrollTop(10, 11, 4, 12)).toBe(8);
  });
});

describe('OrderedMultiSelect', () => {
  it('numbers the picks in the order picked, unpicks with Space, and submits the order', async () => {
    const m = await mount(['p/m3']);
    expect(m.frame()).toMatch(/\[ 1\] model-3/);
    await m.press('j');
    await m.press(' ');
    expect(m.frame()).toMatch(/❯ \[ 2\] model-2/);
    await m.press('k');
    await m.press(' ');
    expect(m.events.changes.at(-1)).toEqual(['p/m3', 'p/m2', 'p/m1']);
    await m.press('\u001B[B');
    await m.press(' ');
    expect(m.events.changes.at(-1)).toEqual(['p/m3', 'p/m1']);
    expect(m.frame()).toMatch(/\[ 2\] model-1/);
    await m.press('\r');
    expect(m.events.submitted).toEqual(['p/m3', 'p/m1']);
    m.r.unmount();
  });

  it('scrolls a long list within its rows and wraps from the top to the bottom', async () => {
    const m = await mount([], 6);
    expect(m.frame()).toContain('↓ 8 more');
    expect(m.frame()).not.toContain('model-5');
    expect(m.frame().split('\n')).toHaveLength(5);
    await m.press('k');
    expect(m.frame()).toMatch(/❯ \[ {2}\] model-12/);
    expect(m.frame()).toContain('↑ 8 more');
    for (let i = 0; i < 5; i += 1) await m.press('j');
    expect(m.frame()).toMatch(/❯ \[ {2}\] model-5/);
    expect(m.frame()).toContain('↑ 1 more');
    m.r.unmount();
  });

  it('moves several rows when j or k arrive together in one chunk (typed fast or held)', async () => {
    const m = await mount([], 6);
    await m.press('jjj');
    expect(m.frame()).toMatch(/❯ \[ {2}\] model-4/);
    await m.press('kkkkk');
    expect(m.frame()).toMatch(/❯ \[ {2}\] model-11/);
    m.r.unmount();
  });

  it('ignores an initial pick that is no longer an option', async () => {
    const m = await mount(['p/gone', 'p/m2']);
    await m.press('\r');
    expect(m.events.submitted).toEqual(['p/m2']);
    m.r.unmount();
  });
});
