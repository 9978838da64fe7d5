/**
 * The fast read of Anthropic text deltas gives exactly what the full parse gives for the
 * API's own shape (escapes, quotes, non-ASCII, empty text, any index), and stands aside
 * (undefined) for every other shape, so the full parse handles it.
 */
import { describe, expect, it } from 'vitest';
import { textDeltaOf } from '../../src/formats/anthropic-messages/text-delta-fast.js';

const event = (text: string, index = 0) => JSON.stringify({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });

describe('textDeltaOf', () => {
  it.each(['Hello', '', ' "quoted" \\ back', 'line\nbreak\ttab', 'héllo 世界 🎉', '"}}', '\u2028\u0000', '\\"}}'])('reads %j as JSON.parse does', (text) => {
    expect(textDeltaOf(event(text))).toBe(text);
    expect(textDeltaOf(event(text, 12))).toBe(text);
  });

  it.each([
    JSON.stringify({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'a' }, index: 0 }),
    JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'a', extra: 'b' } }),
    JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a"' } }),
    JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'a' }, extra: 1 }),
    '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a","x":"b"}}',
    '{"type":"content_block_delta","index":,"delta":{"type":"text_delta","text":"a"}}',
    '{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "a"}}',
    '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\\"}}',
    '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"}}',
    '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"raw\nnewline"}}',
    '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"b"}}',
  ])('leaves %s to the full parse', (data) => {
    expect(textDeltaOf(data)).toBeUndefined();
  });
});
