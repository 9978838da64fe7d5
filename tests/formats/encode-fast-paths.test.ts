/**
 * The text-delta events the stream encoders write from pre-built envelopes (one
 * JSON.stringify of the text per delta) are well-formed SSE whose JSON serialises back to
 * the same bytes, and carry the text exactly, for awkward text too: quotes, backslashes, line breaks, control and
 * non-BMP characters, lone surrogates, and text that looks like JSON or SSE.
 */
import { describe, expect, it } from 'vitest';
import { createStreamEncoder, type StreamPart, type WireFormat } from '../../src/formats/index.js';
import { formatSse } from '../../src/formats/sse/sse.js';

const texts = [
  'plain',
  'say "hi"',
  'back\\slash',
  'two\nlines\r\n',
  'tab\tnul\u0000',
  '😀 emoji',
  'lone \ud800 surrogate',
  '{"json":1}',
  'data: [DONE]\n\n',
  '',
];

function events(format: WireFormat): string[] {
  const encoder = createStreamEncoder(format, { now: () => 1_700_000_000, includeUsage: true });
  const parts: StreamPart[] = [
    { type: 'start', id: 'abc', model: 'm-1', created: 1_700_000_000 },
    ...texts.map((text) => ({ type: 'text-delta', text }) as StreamPart),
  ];
  return parts.flatMap((p) => encoder.push(p));
}

/** Each event re-serialised from its parsed JSON, in the shape formatSse writes. */
function reserialised(event: string): string {
  const lines = event.trimEnd().split('\n');
  const name = lines[0]!.startsWith('event: ') ? lines.shift()!.slice('event: '.length) : undefined;
  const data = lines.map((l) => l.slice('data: '.length)).join('\n');
  return formatSse(JSON.stringify(JSON.parse(data)), name);
}

describe('text-delta fast paths', () => {
  for (const format of ['openai-chat', 'anthropic-messages', 'openai-responses'] as const) {
    it(`${format}: every text event equals the serialised event object`, () => {
      const out = events(format);
      const deltas = out.filter((e) => e.includes('"content"') || e.includes('text_delta') || e.includes('output_text.delta'));
      expect(deltas.length).toBeGreaterThanOrEqual(texts.length - 2);
      for (const event of out) expect(event).toBe(reserialised(event));
      const sent = deltas.map((e) => JSON.parse(e.slice(e.indexOf('data: ') + 6)) as Record<string, any>);
      const got = sent.map((d) => d.choices?.[0]?.delta?.content ?? d.delta?.text ?? d.delta).join('');
      expect(got).toBe(texts.join(''));
    });
  }
});
