/**
 * The text of an Anthropic text delta event read without parsing the whole event, when its
 * data has exactly the shape the API sends:
 *   {"type":"content_block_delta","index":N,"delta":{"type":"text_delta","text":"..."}}
 * Most events of a text answer are these; anything else (another key order, extra keys,
 * whitespace) gives undefined and is parsed in full. Text with an escape goes through
 * JSON.parse of its string literal, so escapes come out exactly as a full parse gives them.
 */
const PREFIX = '{"type":"content_block_delta","index":';
const MIDDLE = ',"delta":{"type":"text_delta","text":"';
const SUFFIX = '"}}';

export function textDeltaOf(data: string): string | undefined {
  if (!data.startsWith(PREFIX)) return undefined;
  let at = PREFIX.length;
  while (at < data.length && data.charCodeAt(at) >= 0x30 && data.charCodeAt(at) <= 0x39) at += 1;
  if (at === PREFIX.length || !data.startsWith(MIDDLE, at) || !data.endsWith(SUFFIX)) return undefined;
  const open = at + MIDDLE.length - 1;
  const close = data.length - SUFFIX.length;
  if (close <= open) return undefined;
  // Plain text (no escape) is the slice itself; a quote inside means more keys follow, and a
  // raw control character is not JSON: both go to the full parse.
  for (let i = open + 1; i < close; i += 1) {
    const c = data.charCodeAt(i);
    if (c === 0x5c) return parseLiteral(data.slice(open, close + 1));
    if (c === 0x22 || c < 0x20) return undefined;
  }
  return data.slice(open + 1, close);
}

function parseLiteral(literal: string): string | undefined {
  try {
    // A literal holding an unescaped quote (more keys after the text) is not one JSON string.
    const text: unknown = JSON.parse(literal);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}
