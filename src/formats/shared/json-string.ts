/**
 * A JSON string literal read in place, for the fast reads of text deltas: its value and
 * where its closing quote is. Plain text is a slice; text with an escape is one JSON.parse
 * of the literal, so escapes come out exactly as a full parse gives them. A raw control
 * character or an unfinished literal is not JSON: undefined, and the caller parses in full.
 */
export function jsonStringAt(data: string, open: number): { value: string; close: number } | undefined {
  let escaped = false;
  for (let i = open + 1; i < data.length; i += 1) {
    const c = data.charCodeAt(i);
    if (c === 0x22) {
      if (!escaped) return { value: data.slice(open + 1, i), close: i };
      try {
        const value: unknown = JSON.parse(data.slice(open, i + 1));
        return typeof value === 'string' ? { value, close: i } : undefined;
      } catch {
        return undefined;
      }
    }
    if (c < 0x20) return undefined;
    if (c === 0x5c) {
      escaped = true;
      i += 1;
    }
  }
  return undefined;
}

/**
 * `data.startsWith(text, at)`, as one slice and one string comparison: V8's startsWith
 * compares character by character (~3 ns each here), a slice compared with === takes
 * its fast path (~50 ns for 140 characters against ~400 ns).
 */
export function textAt(data: string, text: string, at = 0): boolean {
  return data.slice(at, at + text.length) === text;
}
