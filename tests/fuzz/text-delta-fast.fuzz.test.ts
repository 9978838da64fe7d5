/**
 * The fast reads of text deltas against JSON.parse, on generated chunks: whatever a fast
 * read returns is exactly the text the full parse finds in a chunk that holds nothing else
 * the decoder reads (one choice, index 0, a delta of content alone, no finish reason, no
 * usage object, no error); any other chunk gives undefined. The OpenAI Chat stream reader
 * is fed whole generated streams (one head repeated, as providers send, and chunks whose
 * head differs), so its remembered head is exercised as well as its first scan.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textDeltaOf } from '../../src/formats/anthropic-messages/text-delta-fast.js';
import { chatTextDeltaOf, createChatTextDeltaReader } from '../../src/formats/openai-chat/text-delta-fast.js';
import { FUZZ } from './fuzz-settings.js';

type Obj = Record<string, unknown>;
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('"}],"usage":{"x":1}', '\\', '"error"', '\n', '\u2028'));
const head = fc.record({
  id: fc.constantFrom('chatcmpl-1', 'gen-"x"', ''),
  object: fc.constant('chat.completion.chunk'),
  created: fc.integer({ min: 0, max: 2e9 }),
  model: fc.constantFrom('gpt-x', 'deepseek', 'm\\odel'),
  extra: fc.constantFrom({}, { system_fingerprint: 'fp_1' }, { usage: null }, { usage: { prompt_tokens: 1 } }, { error: { message: 'x' } }),
});
const choice = fc.record({
  content: text,
  deltaExtra: fc.constantFrom({}, {}, { role: 'assistant' }, { reasoning_content: 'r' }, { tool_calls: [] }),
  order: fc.constantFrom('lf', 'fl', 'f'),
  finish: fc.constantFrom(null, null, null, 'stop', 'length'),
  more: fc.constantFrom(false, false, false, true),
});
const tail = fc.constantFrom({}, {}, { usage: null }, { usage: null, obfuscation: 'aB3' }, { usage: { completion_tokens: 2 } }, { error: { message: 'x' } });

function chunkOf(
  h: { id: string; object: string; created: number; model: string; extra: Obj },
  c: typeof choice extends fc.Arbitrary<infer T> ? T : never,
  t: Obj,
): string {
  const delta = { content: c.content, ...c.deltaExtra };
  const body =
    c.order === 'lf'
      ? { index: 0, delta, logprobs: null, finish_reason: c.finish }
      : c.order === 'fl'
        ? { index: 0, delta, finish_reason: c.finish, logprobs: null }
        : { index: 0, delta, finish_reason: c.finish };
  const choices = c.more ? [body, { index: 1, delta: { content: 'b' }, finish_reason: null }] : [body];
  return JSON.stringify({ id: h.id, object: h.object, created: h.created, model: h.model, ...h.extra, choices, ...t });
}

/** What the decoder may take from a chunk without parsing it: its content, or undefined when anything else is in it. */
function plainContent(data: string): string | undefined {
  const json = JSON.parse(data) as Obj;
  if (json.error !== undefined || (json.usage !== undefined && json.usage !== null)) return undefined;
  const choices = json.choices as Obj[];
  if (choices.length !== 1) return undefined;
  const [c] = choices as [Obj];
  const delta = c.delta as Obj;
  if (c.finish_reason !== null || Object.keys(delta).join() !== 'content') return undefined;
  return delta.content as string;
}

describe('text-delta fast reads against JSON.parse', () => {
  it('OpenAI Chat: a stream reader and the one-off read give the content exactly when nothing else is in the chunk', () => {
    fc.assert(
      fc.property(head, fc.array(fc.tuple(choice, tail, fc.boolean()), { minLength: 1, maxLength: 12 }), head, (h, chunks, other) => {
        const read = createChatTextDeltaReader();
        for (const [c, t, foreign] of chunks) {
          const data = chunkOf(foreign ? other : h, c, t);
          const expected = plainContent(data);
          const got = read(data);
          if (got !== undefined) expect(got, data).toBe(expected);
          expect(chatTextDeltaOf(data), data).toBe(got);
          // The shape providers send most is always read fast (given a quiet head).
          if (
            expected !== undefined &&
            !('usage' in (foreign ? other : h).extra && (foreign ? other : h).extra.usage !== null) &&
            !('error' in (foreign ? other : h).extra)
          )
            expect(got, data).toBe(expected);
        }
      }),
      FUZZ,
    );
  });

  it('Anthropic: the text of a content_block_delta in the API shape, undefined for any other event', () => {
    const event = fc.oneof(
      fc.record({ type: fc.constant('content_block_delta'), index: fc.nat(40), delta: fc.record({ type: fc.constant('text_delta'), text }) }),
      fc.record({
        type: fc.constant('content_block_delta'),
        index: fc.nat(3),
        delta: fc.record({ type: fc.constant('text_delta'), text, extra: fc.string() }),
      }),
      fc.record({
        type: fc.constant('content_block_delta'),
        index: fc.nat(3),
        delta: fc.record({ type: fc.constant('input_json_delta'), partial_json: text }),
      }),
      fc.record({ type: fc.constant('content_block_delta'), delta: fc.record({ type: fc.constant('text_delta'), text }), index: fc.nat(3) }),
    );
    fc.assert(
      fc.property(event, (e) => {
        const data = JSON.stringify(e);
        const json = JSON.parse(data) as { delta: Obj };
        const plain = Object.keys(json).join() === 'type,index,delta' && Object.keys(json.delta).join() === 'type,text' && json.delta.type === 'text_delta';
        expect(textDeltaOf(data), data).toBe(plain ? json.delta.text : undefined);
      }),
      FUZZ,
    );
  });
});
