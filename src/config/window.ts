/** Rate-limit windows: parsing the seed's many spellings (`hour:6`, `6h`, `1w`, `7 days`). */
import { WINDOW_UNITS, windowSizeProblem, type RateLimitWindow, type WindowUnit } from './schema.js';

const UNIT_ALIASES: Record<string, WindowUnit> = {};
const ALIAS_LIST: Record<WindowUnit, readonly string[]> = {
  second: ['s', 'sec', 'secs', 'second', 'seconds'],
  minute: ['m', 'min', 'mins', 'minute', 'minutes'],
  hour: ['h', 'hr', 'hrs', 'hour', 'hours'],
  day: ['d', 'day', 'days'],
  week: ['w', 'wk', 'wks', 'week', 'weeks'],
  month: ['mo', 'mon', 'month', 'months'],
};
for (const unit of WINDOW_UNITS) for (const alias of ALIAS_LIST[unit]) UNIT_ALIASES[alias] = unit;

export function normalizeWindowUnit(value: string): WindowUnit | undefined {
  return UNIT_ALIASES[value.trim().toLowerCase()];
}

const UNIT_FIRST = /^([a-z]+)\s*(?:[:/x-]|\s)\s*(\d+)$/;
const SIZE_FIRST = /^(\d+)\s*([a-z]+)$/;

/**
 * Parses `unit:size`, `unit/size`, `unit-size`, `unit x size`, `<size><unit>`,
 * `<size> <unit>` or a bare unit (size 1). Returns an error message when it cannot.
 */
export function parseWindow(text: string): { window: RateLimitWindow } | { error: string } {
  const input = text.trim().toLowerCase();
  let unitText: string | undefined;
  let sizeText = '1';
  const unitFirst = UNIT_FIRST.exec(input);
  const sizeFirst = SIZE_FIRST.exec(input);
  if (unitFirst) [, unitText = '', sizeText = ''] = unitFirst;
  else if (sizeFirst) [, sizeText = '', unitText = ''] = sizeFirst;
  else if (/^[a-z]+$/.test(input)) unitText = input;
  const unit = unitText === undefined ? undefined : normalizeWindowUnit(unitText);
  const size = Number(sizeText);
  if (!unit || !Number.isSafeInteger(size) || size < 1) {
    return {
      error: `bad window ${JSON.stringify(text)}: expected UNIT:SIZE (e.g. hour:6, minute:1, 1w) with unit one of ${WINDOW_UNITS.join(', ')} and size a whole number > 0`,
    };
  }
  const tooLong = windowSizeProblem(unit, size);
  if (tooLong) return { error: `bad window ${JSON.stringify(text)}: ${tooLong}` };
  return { window: { unit, size } };
}

export function formatWindow(window: RateLimitWindow): string {
  return `${window.unit}:${window.size}`;
}

export function describeWindow(window: RateLimitWindow): string {
  return window.size === 1 ? `per ${window.unit}` : `per ${window.size} ${window.unit}s`;
}
