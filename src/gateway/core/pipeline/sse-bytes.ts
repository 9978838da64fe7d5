/**
 * Byte-level helpers for passed-through event streams: where an event ends, and where a
 * `"usage"` or `"error"` key (or value) sits, found without decoding the text. Every
 * pattern is ASCII, so no byte of a multi-byte UTF-8 character can match part of one.
 *
 * An event ends with a blank line: two line ends in a row, each LF, CR or CRLF.
 */
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** The end (exclusive) of the blank line whose last byte is at k, or -1 when k ends none. */
function blankLineEndingAt(d: Uint8Array, k: number): number {
  const c = d[k];
  let ends = false;
  if (c === LF) ends = d[k - 1] === LF || (d[k - 1] === CR && (d[k - 2] === LF || d[k - 2] === CR));
  else if (c === CR) ends = d[k - 1] === CR && d[k + 1] !== LF;
  return ends ? k + 1 : -1;
}

/** The end of the last complete event in d[from, to), or -1 when there is none. */
export function lastEventEnd(d: Uint8Array, from: number, to: number): number {
  for (let k = to - 1; k > from; k -= 1) {
    const end = blankLineEndingAt(d, k);
    if (end !== -1) return end;
  }
  return -1;
}

/** The end of the event that byte `at` belongs to, searching up to `to` (-1: not in range). */
export function eventEndAfter(d: Uint8Array, at: number, to: number): number {
  for (let k = at + 1; k < to; k += 1) {
    const end = blankLineEndingAt(d, k);
    if (end !== -1) return end;
  }
  return -1;
}

/** Where the event holding byte `at` starts: after the blank line before it, or `from`. */
export function eventStartBefore(d: Uint8Array, at: number, from: number): number {
  const end = lastEventEnd(d, from, at);
  return end === -1 ? from : end;
}

const USAGE = new TextEncoder().encode('"usage"');
const ERROR = new TextEncoder().encode('"error"');
const WIDTH = 7; // both patterns are 7 bytes and end in a quote
// Horspool skip table over both patterns: how far the window may move when its last byte is c.
const SKIP = new Uint8Array(256).fill(WIDTH);
for (const p of [USAGE, ERROR]) for (let j = 0; j < WIDTH - 1; j += 1) SKIP[p[j]!] = Math.min(SKIP[p[j]!]!, WIDTH - 1 - j);

function matchesAt(d: Uint8Array, s: number, p: Uint8Array): boolean {
  for (let j = 1; j < WIDTH - 1; j += 1) if (d[s + j] !== p[j]) return false;
  return true;
}

export type KeyHit = { at: number; key: 'usage' | 'error' };

/** The first `"usage"` or `"error"` starting in d[from, to), or undefined. */
export function findKey(d: Uint8Array, from: number, to: number): KeyHit | undefined {
  let i = from + WIDTH - 1;
  while (i < to) {
    const c = d[i]!;
    if (c === QUOTE && d[i - WIDTH + 1] === QUOTE) {
      const s = i - WIDTH + 1;
      if (matchesAt(d, s, USAGE)) return { at: s, key: 'usage' };
      if (matchesAt(d, s, ERROR)) return { at: s, key: 'error' };
    }
    i += SKIP[c]!;
  }
  return undefined;
}

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x09 || c === LF || c === CR;

/**
 * Whether the key hit is worth parsing its event for: `"usage"` or `"error"` used as a key
 * with an object value, or `"error"` as a value (`"type":"error"`). `"usage":null` is not.
 */
export function hitWorthParsing(d: Uint8Array, hit: KeyHit, to: number): boolean {
  let k = hit.at + WIDTH;
  while (k < to && isSpace(d[k])) k += 1;
  if (d[k] !== 0x3a) return hit.key === 'error';
  k += 1;
  while (k < to && isSpace(d[k])) k += 1;
  return d[k] === 0x7b;
}
