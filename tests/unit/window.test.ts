import { describe, expect, it } from 'vitest';
import { parseWindow } from '../../src/config/window.js';

describe('parseWindow', () => {
  it.each([
    ['minute:1', 'minute', 1],
    ['hour:6', 'hour', 6],
    ['hour/6', 'hour', 6],
    ['hours-6', 'hour', 6],
    ['hour x 6', 'hour', 6],
    ['6h', 'hour', 6],
    ['6 hours', 'hour', 6],
    ['1w', 'week', 1],
    ['7day', 'day', 7],
    ['month', 'month', 1],
    ['2mo', 'month', 2],
    ['30s', 'second', 30],
    ['Minute:5', 'minute', 5],
  ])('%s -> %s x %i', (text, unit, size) => {
    expect(parseWindow(text)).toEqual({ window: { unit, size } });
  });

  it.each(['99999999month', 'month:13', 'week:54', 'day:367', 'hour:8785', 'second:99999999999'])('bounds %j to one year', (text) => {
    const result = parseWindow(text);
    expect((result as { error: string }).error).toMatch(/at most one year/);
  });

  it.each(['month:12', 'week:53', 'day:366', 'hour:8784'])('accepts the longest window %j', (text) => {
    expect(parseWindow(text)).toHaveProperty('window');
  });

  it.each(['fortnight', 'hour:0', 'hour:-1', 'hour:1.5', '', ':5', 'h:abc'])('rejects %j with a message naming the input', (text) => {
    const result = parseWindow(text);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toContain(JSON.stringify(text));
  });
});
