/** Issue #12 item 14: text fields keep every key of a burst (typed fast, held, pasted). */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { applyInput, TextField } from '../../src/tui/components/TextField.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function settle(frame: () => string | undefined) {
  let last = frame();
  for (let i = 0; i < 40; i += 1) {
    await sleep(15);
    const now = frame();
    if (now === last) return;
    last = now;
  }
}

describe('applyInput', () => {
  it.each([
    ['ab\x7f\x7fcd', '', 'cd'],
    ['abcd', 'http', 'httpabcd'],
    ['\x7f\x7f\x7f', 'ab', ''],
    ['x\by', '', 'y'],
    ['tab\there', '', 'tabhere'],
  ])('%j on %j -> %j', (input, initial, value) => {
    const field = { value: initial, cursor: initial.length };
    applyInput(field, input);
    expect(field.value).toBe(value);
  });
});

describe('TextField', () => {
  it('a burst with backspaces in one chunk shows and saves what was typed', async () => {
    let saved: string | undefined;
    const ui = render(<TextField initial="http" onSubmit={(v) => (saved = v)} />);
    await settle(ui.lastFrame);
    ui.stdin.write('abcd');
    ui.stdin.write('\x7f\x7f');
    ui.stdin.write('xy');
    await settle(ui.lastFrame);
    expect(ui.lastFrame()).toContain('httpabxy');
    ui.stdin.write('\r');
    await settle(ui.lastFrame);
    expect(saved).toBe('httpabxy');
    ui.unmount();
  });

  it('keys sent one by one without waiting for a redraw are all kept', async () => {
    let saved: string | undefined;
    const ui = render(<TextField initial="" onSubmit={(v) => (saved = v)} />);
    await settle(ui.lastFrame);
    for (const ch of 'hello world') ui.stdin.write(ch);
    ui.stdin.write('\x7f');
    ui.stdin.write('D');
    ui.stdin.write('\r');
    await settle(ui.lastFrame);
    expect(saved).toBe('hello worlD');
    expect(ui.lastFrame()).toContain('hello worlD');
    ui.unmount();
  });

  it('masks secrets, and moves the cursor with the arrows', async () => {
    let saved: string | undefined;
    const ui = render(<TextField initial="" mask="•" onSubmit={(v) => (saved = v)} />);
    await settle(ui.lastFrame);
    ui.stdin.write('sk-12');
    await settle(ui.lastFrame);
    expect(ui.lastFrame()).not.toContain('sk-12');
    expect(ui.lastFrame()).toContain('•••••');
    ui.stdin.write('\u001B[D');
    await settle(ui.lastFrame);
    ui.stdin.write('\u001B[D');
    await settle(ui.lastFrame);
    ui.stdin.write('X\r');
    await settle(ui.lastFrame);
    expect(saved).toBe('sk-X12');
    ui.unmount();
  });
});
