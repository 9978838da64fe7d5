/**
 * The fast read of OpenAI Chat content deltas gives exactly the content the full parse
 * gives, for the shapes OpenAI and compatible providers send (usage null, obfuscation,
 * system fingerprint, escapes, non-ASCII), and stands aside (undefined) whenever the chunk
 * holds anything else the decoder reads: a finish reason, other delta keys, more choices,
 * usage, an error.
 */
import { describe, expect, it } from 'vitest';
import { chatTextDeltaOf, createChatTextDeltaReader } from '../../src/formats/openai-chat/text-delta-fast.js';

const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-x', system_fingerprint: 'fp_1' };
const chunk = (content: string, extra: object = {}, choice: object = { logprobs: null, finish_reason: null }) =>
  JSON.stringify({ ...base, choices: [{ index: 0, delta: { content }, ...choice }], ...extra });

describe('chatTextDeltaOf', () => {
  const texts = ['Hello', '', ' "quoted" \\ back', 'line\nbreak', 'héllo 世界 🎉', '"}],"usage":{"x":1}', '\\'];
  it.each(texts)('reads %j as JSON.parse does, in every common shape', (text) => {
    for (const data of [
      chunk(text),
      chunk(text, { usage: null }),
      chunk(text, { usage: null, obfuscation: 'aB3' }),
      chunk(text, {}, { finish_reason: null, logprobs: null }),
      chunk(text, {}, { finish_reason: null }),
      JSON.stringify({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }], ...base }),
    ]) {
      expect(chatTextDeltaOf(data), data).toBe((JSON.parse(data) as { choices: [{ delta: { content: string } }] }).choices[0].delta.content);
    }
  });

  it.each([
    chunk('a', {}, { logprobs: null, finish_reason: 'stop' }),
    JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: 'a', reasoning_content: null }, finish_reason: null }] }),
    JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: 'a' }, finish_reason: null }] }),
    JSON.stringify({
      ...base,
      choices: [
        { index: 0, delta: { content: 'a' }, finish_reason: null },
        { index: 1, delta: { content: 'b' }, finish_reason: null },
      ],
    }),
    chunk('a', { usage: { prompt_tokens: 1, completion_tokens: 2 } }),
    JSON.stringify({ usage: { prompt_tokens: 1 }, ...base, choices: [{ index: 0, delta: { content: 'a' }, finish_reason: null }] }),
    chunk('a', { error: { message: 'x' } }),
    chunk('a', {}, { logprobs: { content: [] }, finish_reason: null }),
    '{"choices":[{"index":0,"delta":{"content":"raw\nnewline"},"finish_reason":null}]}',
    '{"choices":[{"index":0,"delta":{"content":"unterminated',
    '{"choices": [{"index": 0, "delta": {"content": "spaced"}, "finish_reason": null}]}',
  ])('leaves %s to the full parse', (data) => {
    expect(chatTextDeltaOf(data)).toBeUndefined();
  });

  it('a stream reader checks the remembered head by one comparison and still reads exactly what JSON.parse reads', () => {
    for (const text of texts) {
      const read = createChatTextDeltaReader();
      const data = chunk(text, { usage: null, obfuscation: 'x' });
      const expected = (JSON.parse(data) as { choices: [{ delta: { content: string } }] }).choices[0].delta.content;
      expect(read(chunk('first'))).toBe('first');
      expect(read(data), data).toBe(expected);
      expect(read(data), data).toBe(expected);
    }
  });

  it('a stream reader stands aside on a chunk with the remembered head but anything else after it', () => {
    const read = createChatTextDeltaReader();
    expect(read(chunk('a'))).toBe('a');
    for (const data of [
      chunk('a', {}, { logprobs: null, finish_reason: 'stop' }),
      chunk('a', { usage: { prompt_tokens: 1, completion_tokens: 2 } }),
      chunk('a', { error: { message: 'x' } }),
      JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: 'a', reasoning_content: 'r' }, finish_reason: null }] }),
      chunk('raw\u0001').replace('\\u0001', '\u0001'),
      `${chunk('a').slice(0, -1)}`,
      JSON.stringify({
        ...base,
        choices: [
          { index: 0, delta: { content: 'a' }, finish_reason: null },
          { index: 1, delta: { content: 'b' } },
        ],
      }),
    ]) {
      expect(read(data), data).toBeUndefined();
    }
    // A chunk whose head differs (here: usage before the choices) is scanned in full again.
    expect(
      read(JSON.stringify({ usage: { prompt_tokens: 1 }, ...base, choices: [{ index: 0, delta: { content: 'a' }, finish_reason: null }] })),
    ).toBeUndefined();
    expect(read(chunk('b'))).toBe('b');
  });
});
