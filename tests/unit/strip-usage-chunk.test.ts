/**
 * Taking the usage-only chunk out of an OpenAI Chat passthrough stream: every other byte
 * passes unchanged, whatever the chunking (split at every byte) and line endings; a usage
 * field on a chunk that has choices stays; the request gets include_usage spliced in.
 */
import { describe, expect, it } from 'vitest';
import { createUsageStripper, withStreamUsage } from '../../src/gateway/core/pipeline/strip-usage-chunk.js';

const enc = new TextEncoder();
const chunk = (obj: object, eol = '\n') => `data: ${JSON.stringify(obj)}${eol}${eol}`;
const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
const text = (content: string) => chunk({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] });
const finish = chunk({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
const usageOnly = (eol = '\n') => chunk({ ...base, choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }, eol);

function run(stream: string, splitAt?: number): string {
  const s = createUsageStripper();
  const bytes = enc.encode(stream);
  const parts = splitAt === undefined ? [bytes] : [bytes.subarray(0, splitAt), bytes.subarray(splitAt)];
  return parts.map((p) => s.push(p)).join('') + s.flush();
}

describe('usage chunk stripper', () => {
  const stream = text('Hello') + text(' "usage" is a word') + finish + usageOnly() + 'data: [DONE]\n\n';
  const expected = text('Hello') + text(' "usage" is a word') + finish + 'data: [DONE]\n\n';

  it('removes only the usage-only chunk, at any split point', () => {
    for (let at = 0; at <= enc.encode(stream).length; at += 1) expect(run(stream, at)).toBe(expected);
  });

  it('handles CRLF events and keeps usage that rides on a chunk with choices', () => {
    const withChoices = chunk({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 1 } }, '\r\n');
    expect(run(text('a') + withChoices + usageOnly('\r\n') + 'data: [DONE]\r\n\r\n')).toBe(text('a') + withChoices + 'data: [DONE]\r\n\r\n');
  });

  it('passes an unterminated tail through at the end', () => {
    expect(run(text('a') + 'data: {"partial"')).toBe(text('a') + 'data: {"partial"');
  });
});

describe('withStreamUsage', () => {
  it('splices include_usage into the body, and leaves bodies that already have stream_options alone', () => {
    const raw = enc.encode('  {"model":"m","stream":true,"messages":[]}');
    const out = new TextDecoder().decode(withStreamUsage(raw, JSON.parse(new TextDecoder().decode(raw))));
    expect(JSON.parse(out)).toEqual({ stream_options: { include_usage: true }, model: 'm', stream: true, messages: [] });
    expect(withStreamUsage(enc.encode('{"stream_options":{}}'), { stream_options: {} })).toBeUndefined();
  });
});
