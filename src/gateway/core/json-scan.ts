/**
 * A byte-level check that a request body is one JSON object no deeper than a limit, which
 * also gives where a few top-level values lie — without decoding or parsing the body.
 *
 * Coding tools send 50–500 KB bodies, and a passthrough needs only `model`, `stream` and
 * `stream_options` from them. Decoding UTF-8 with non-ASCII text and JSON.parse of the
 * result cost ~6 µs per KB on Node 20; this walk costs a fraction of it, and the body is
 * parsed only when something needs all of it (a translation, a fallback to another format).
 *
 * It accepts only what JSON.parse (after a default TextDecoder) accepts: the same grammar,
 * the same escapes, no raw control characters in strings, a leading BOM skipped. It is
 * allowed to refuse valid JSON it does not handle (a top-level key with an escape, a wanted
 * key given twice): the caller then takes the ordinary parse, which also words the error
 * for a body that is really wrong. Web APIs only.
 */

const OBJECT = 1;
const ARRAY = 2;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** For each byte: 1 when a string may hold it unescaped (not a quote, backslash or control character). */
const PLAIN = new Uint8Array(256).fill(1);
for (let b = 0; b < 0x20; b += 1) PLAIN[b] = 0;
PLAIN[QUOTE] = 0;
PLAIN[BACKSLASH] = 0;

/** After a backslash: 1 for the one-character escapes JSON allows, 2 for `u` (four hex digits follow). */
const ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPE[c.charCodeAt(0)] = 1;
ESCAPE[0x75] = 2;
const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
const isHex = (b: number | undefined) => b !== undefined && HEX[b] === 1;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

function skipSpace(bytes: Uint8Array, i: number): number {
  for (;;) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return i;
    i += 1;
  }
}

/** Index just past the string opening at `i` (a quote), or -1 when it is not a valid JSON string. */
function stringEnd(bytes: Uint8Array, i: number): number {
  const n = bytes.length;
  for (i += 1; i < n; i += 1) {
    // Four plain bytes at a time first: most of a body is long runs of string text (~1.4x faster on Node 20).
    while (i + 4 <= n && (PLAIN[bytes[i]!]! & PLAIN[bytes[i + 1]!]! & PLAIN[bytes[i + 2]!]! & PLAIN[bytes[i + 3]!]!) === 1) i += 4;
    const b = bytes[i]!;
    if (PLAIN[b] === 1) continue;
    if (b === QUOTE) return i + 1;
    if (b !== BACKSLASH) return -1;
    const next = bytes[i + 1];
    const e = next === undefined ? 0 : ESCAPE[next];
    if (e === 1) i += 1;
    else if (e === 2 && isHex(bytes[i + 2]) && isHex(bytes[i + 3]) && isHex(bytes[i + 4]) && isHex(bytes[i + 5])) i += 5;
    else return -1;
  }
  return -1;
}

/** Index just past the number starting at `i`, or -1 (JSON's grammar: no leading zeros, no bare dot, no plus). */
function numberEnd(bytes: Uint8Array, i: number): number {
  if (bytes[i] === 0x2d) i += 1;
  if (bytes[i] === 0x30) i += 1;
  else if (isDigit(bytes[i]!)) while (isDigit(bytes[i]!)) i += 1;
  else return -1;
  if (bytes[i] === 0x2e) {
    i += 1;
    if (!isDigit(bytes[i]!)) return -1;
    while (isDigit(bytes[i]!)) i += 1;
  }
  if (bytes[i] === 0x65 || bytes[i] === 0x45) {
    i += 1;
    if (bytes[i] === 0x2b || bytes[i] === 0x2d) i += 1;
    if (!isDigit(bytes[i]!)) return -1;
    while (isDigit(bytes[i]!)) i += 1;
  }
  return i;
}

function literalEnd(bytes: Uint8Array, i: number, word: Uint8Array): number {
  for (let k = 0; k < word.length; k += 1) if (bytes[i + k] !== word[k]) return -1;
  return i + word.length;
}

const enc = new TextEncoder();
const TRUE = enc.encode('true');
const FALSE = enc.encode('false');
const NULL = enc.encode('null');

/** Where one top-level value lies: bytes [start, end). */
export type Span = readonly [start: number, end: number];

/** Which of `keys` (encoded with their quotes) the key at [start, end) is, or -1. */
function keyIndex(bytes: Uint8Array, start: number, end: number, keys: readonly Uint8Array[]): number {
  outer: for (let k = 0; k < keys.length; k += 1) {
    const key = keys[k]!;
    if (key.length !== end - start) continue;
    for (let j = 0; j < key.length; j += 1) if (bytes[start + j] !== key[j]) continue outer;
    return k;
  }
  return -1;
}

/** The keys to look for, as `scanJsonObject` wants them. */
export const scanKeys = (...names: string[]): Uint8Array[] => names.map((n) => enc.encode(JSON.stringify(n)));

/**
 * Checks that `bytes` is one JSON object nesting at most `maxDepth` arrays and objects, and
 * gives the span of each wanted top-level key's value (undefined when absent). Undefined
 * when the body is not such an object, or holds what this check does not handle.
 */
export function scanJsonObject(bytes: Uint8Array, keys: readonly Uint8Array[], maxDepth: number): (Span | undefined)[] | undefined {
  const spans: (Span | undefined)[] = keys.map(() => undefined);
  const kinds = new Uint8Array(maxDepth + 1);
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  i = skipSpace(bytes, i);
  if (bytes[i] !== 0x7b) return undefined;
  let depth = 0;
  /** The wanted key whose value is being read at depth 1, or -1. */
  let pending = -1;
  let valueStart = 0;
  // expecting: a value (`value`), a key or the end of an object (`key`), or what follows a value.
  let expect: 'value' | 'key' | 'after' = 'value';
  let first = false; // right after an opening bracket: its closing one is allowed
  for (;;) {
    if (expect === 'after') {
      if (pending >= 0 && depth === 1) {
        spans[pending] = [valueStart, i];
        pending = -1;
      }
      i = skipSpace(bytes, i);
      if (depth === 0) return i === bytes.length ? spans : undefined;
      const b = bytes[i];
      if (b === 0x2c) {
        i += 1;
        expect = kinds[depth] === OBJECT ? 'key' : 'value';
        first = false;
      } else if ((b === 0x7d && kinds[depth] === OBJECT) || (b === 0x5d && kinds[depth] === ARRAY)) {
        i += 1;
        depth -= 1;
      } else return undefined;
      continue;
    }
    i = skipSpace(bytes, i);
    const b = bytes[i];
    if (expect === 'key') {
      if (b === 0x7d && first) {
        i += 1;
        depth -= 1;
        expect = 'after';
        continue;
      }
      if (b !== QUOTE) return undefined;
      const end = stringEnd(bytes, i);
      if (end < 0) return undefined;
      if (depth === 1) {
        // A top-level key with an escape could spell a wanted key: not handled here.
        if (bytes.subarray(i, end).includes(BACKSLASH)) return undefined;
        const k = keyIndex(bytes, i, end, keys);
        if (k >= 0 && spans[k] !== undefined) return undefined; // given twice: JSON.parse keeps the last; not handled here
        pending = k;
      }
      i = skipSpace(bytes, end);
      if (bytes[i] !== 0x3a) return undefined;
      i += 1;
      expect = 'value';
      first = false;
      continue;
    }
    // expect === 'value'
    if (depth === 1) valueStart = i;
    if (b === 0x7b || b === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return undefined;
      kinds[depth] = b === 0x7b ? OBJECT : ARRAY;
      i += 1;
      expect = b === 0x7b ? 'key' : 'value';
      first = true;
      continue;
    }
    if (b === 0x5d && first && kinds[depth] === ARRAY) {
      i += 1;
      depth -= 1;
      expect = 'after';
      continue;
    }
    if (b === QUOTE) i = stringEnd(bytes, i);
    else if (b === 0x2d || (b !== undefined && isDigit(b))) i = numberEnd(bytes, i);
    else if (b === 0x74) i = literalEnd(bytes, i, TRUE);
    else if (b === 0x66) i = literalEnd(bytes, i, FALSE);
    else if (b === 0x6e) i = literalEnd(bytes, i, NULL);
    else return undefined;
    if (i < 0) return undefined;
    expect = 'after';
  }
}
