/**
 * The text of an Anthropic text delta event read without parsing the whole event, when its
 * data has exactly the shape the API sends:
 *   {"type":"content_block_delta","index":N,"delta":{"type":"text_delta","text":"..."}}
 * Most events of a text answer are these; anything else (another key order, extra keys,
 * whitespace) gives undefined and is parsed in full.
 */
import { jsonStringAt, textAt } from '../shared/json-string.js';

const PREFIX = '{"type":"content_block_delta","index":';
const MIDDLE = ',"delta":{"type":"text_delta","text":"';
const SUFFIX = '"}}';

export function textDeltaOf(data: string): string | undefined {
  if (!textAt(data, PREFIX)) return undefined;
  let at = PREFIX.length;
  while (at < data.length && data.charCodeAt(at) >= 0x30 && data.charCodeAt(at) <= 0x39) at += 1;
  if (at === PREFIX.length || !textAt(data, MIDDLE, at) || !textAt(data, SUFFIX, data.length - SUFFIX.length)) return undefined;
  // The text's closing quote must be the one before the suffix: a quote earlier means more keys follow.
  const text = jsonStringAt(data, at + MIDDLE.length - 1);
  return text && text.close === data.length - SUFFIX.length ? text.value : undefined;
}
