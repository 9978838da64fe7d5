import { describe, expect, it } from 'vitest';
import { Pacer, retryAfterMs, type Clock } from '../../src/probe/pacer.js';

function fakeClock(): Clock & { t: number; slept: number[] } {
  const c = {
    t: 0,
    slept: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.t += ms;
    },
  };
  return c;
}

describe('Pacer (token bucket)', () => {
  it('lets a burst of a tenth of a minute through, then one request per 60/rpm seconds', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(30, clock);
    expect(pacer.capacity).toBe(3);
    const times: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await pacer.take();
      times.push(clock.t);
    }
    expect(times).toEqual([0, 0, 0, 2000, 4000, 6000]);
  });

  it('refills while idle, never above its capacity', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(60, clock, 2);
    await pacer.take();
    await pacer.take();
    clock.t += 60_000;
    const before = clock.t;
    await pacer.take();
    await pacer.take();
    expect(clock.t).toBe(before);
    await pacer.take();
    expect(clock.t).toBe(before + 1000);
  });

  it('starts from an empty bucket after a 429 (drain)', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(60, clock, 5);
    pacer.drain();
    await pacer.take();
    expect(clock.slept).toEqual([1000]);
  });

  it('serves concurrent callers in order, each paced', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(120, clock, 1);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => pacer.take().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(clock.t).toBe(1000);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['2', 2000],
    ['0.5', 500],
    ['Thu, 01 Jan 1970 00:00:05 GMT', 5000],
    ['soon', undefined],
    [null, undefined],
  ] as const)('%s -> %s', (value, expected) => {
    expect(retryAfterMs(value, 0)).toBe(expected);
  });
});
