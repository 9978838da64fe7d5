/**
 * Passthrough without re-serialising: the client's exact bytes with only the top-level
 * `model` value replaced. JSON.stringify of a large body (a 28 MB prompt with images)
 * blocks the event loop for ~70 ms, and turning the string back into bytes for the socket
 * another ~45 ms; splicing the raw bytes costs one copy. The key is found by scanning only
 * the bytes before it (strings skipped, nesting counted: in UTF-8 every byte of a
 * multi-byte character is >= 0x80, so structural ASCII bytes are never mistaken). Whenever
 * anything is unusual the caller falls back to JSON.stringify. Web APIs only.
 */
const MAX_SCAN = 256 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MODEL = new TextEncoder().encode('"model"');

function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** Index of the quote closing the string that opens at `open`, or -1. */
function stringEnd(bytes: Uint8Array, open: number, limit: number): number {
  for (let i = open + 1; i < limit; i += 1) {
    const b = bytes[i];
    if (b === BACKSLASH) i += 1;
    else if (b === QUOTE) return i;
  }
  return -1;
}

function isModelKey(bytes: Uint8Array, at: number): boolean {
  for (let k = 0; k < MODEL.length; k += 1) if (bytes[at + k] !== MODEL[k]) return false;
  return true;
}

/** Start and end of the top-level `"model"` string value, when found within the first MAX_SCAN bytes. */
function findTopLevelModel(bytes: Uint8Array): { start: number; end: number } | undefined {
  let depth = 0;
  const limit = Math.min(bytes.length, MAX_SCAN);
  for (let i = 0; i < limit; i += 1) {
    const b = bytes[i];
    if (b === QUOTE) {
      const close = stringEnd(bytes, i, limit);
      if (close < 0) return undefined;
      if (depth === 1 && close - i + 1 === MODEL.length && isModelKey(bytes, i)) {
        let j = close + 1;
        while (isSpace(bytes[j])) j += 1;
        if (bytes[j] !== 0x3a /* : */) return undefined;
        j += 1;
        while (isSpace(bytes[j])) j += 1;
        if (bytes[j] !== QUOTE) return undefined;
        const valueEnd = stringEnd(bytes, j, limit);
        return valueEnd < 0 ? undefined : { start: j, end: valueEnd + 1 };
      }
      i = close;
    } else if (b === 0x7b || b === 0x5b) depth += 1;
    else if (b === 0x7d || b === 0x5d) depth -= 1;
  }
  return undefined;
}

/** True when `"model"` appears again after `from` (a duplicate key, or the word as a string value): then we do not guess. */
function appearsAgain(bytes: Uint8Array, from: number): boolean {
  for (let i = bytes.indexOf(QUOTE, from); i >= 0; i = bytes.indexOf(QUOTE, i + 1)) if (isModelKey(bytes, i)) return true;
  return false;
}

/**
 * The raw body with its top-level model replaced, or undefined when the fast path does not
 * apply (the caller then serialises the parsed body). `parsedModel` is what JSON.parse read
 * for `model`, checked against what the splice would replace.
 */
export function rewriteModel(bytes: Uint8Array, parsedModel: unknown, model: string): Uint8Array | undefined {
  if (typeof parsedModel !== 'string') return undefined;
  const at = findTopLevelModel(bytes);
  if (!at || appearsAgain(bytes, at.end)) return undefined;
  let found: unknown;
  try {
    found = JSON.parse(new TextDecoder().decode(bytes.subarray(at.start, at.end)));
  } catch {
    return undefined;
  }
  if (found !== parsedModel) return undefined;
  const value = new TextEncoder().encode(JSON.stringify(model));
  const out = new Uint8Array(at.start + value.length + (bytes.length - at.end));
  out.set(bytes.subarray(0, at.start), 0);
  out.set(value, at.start);
  out.set(bytes.subarray(at.end), at.start + value.length);
  return out;
}
