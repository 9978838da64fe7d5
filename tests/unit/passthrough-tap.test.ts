/**
 * The passthrough tap reads usage and errors off a passed-through stream's bytes, and for
 * OpenAI Chat clients that did not ask for usage takes the usage-only chunk back out. Every
 * other byte passes unchanged, whatever the chunking (split at every byte, and one byte at a
 * time) and line endings; a usage field on a chunk that has choices stays; `"usage"` inside
 * text, `"usage": null` and multi-byte characters split across chunks change nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Usage } from '../../src/formats/index.js';
import { createPassthroughTap, type TapOptions } from '../../src/gateway/core/pipeline/passthrough-tap.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const chunk = (obj: object, eol = '\n') => `data: ${JSON.stringify(obj)}${eol}${eol}`;
const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
const text = (content: string, eol = '\n') => chunk({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }], usage: null }, eol);
const finish = chunk({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
const usageOnly = (eol = '\n') => chunk({ ...base, choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }, eol);

type Seen = { out: string; usage: Partial<Usage>[]; errors: string[] };

function run(stream: string, opts: Partial<TapOptions> & { splits?: number[]; bytewise?: boolean } = {}): Seen {
  const seen: Seen = { out: '', usage: [], errors: [] };
  const tap = createPassthroughTap({
    format: opts.format ?? 'openai-chat',
    strip: opts.strip ?? true,
    onUsage: (u) => seen.usage.push(u),
    onError: (m) => seen.errors.push(m),
  });
  const bytes = enc.encode(stream);
  const cuts = opts.bytewise ? Array.from(bytes, (_, i) => i + 1) : [...(opts.splits ?? []), bytes.length];
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const at of cuts) {
    parts.push(bytes.subarray(from, at));
    from = at;
  }
  const outBytes: Uint8Array[] = parts.map((p) => tap.push(p));
  outBytes.push(tap.flush());
  seen.out = dec.decode(Buffer.concat(outBytes));
  return seen;
}

describe('passthrough tap: the usage-only chunk', () => {
  const stream = text('Hello') + text(' "usage": {"x": 1} is a word') + finish + usageOnly() + 'data: [DONE]\n\n';
  const expected = text('Hello') + text(' "usage": {"x": 1} is a word') + finish + 'data: [DONE]\n\n';

  it('is removed, at any split point, and its usage is read once', () => {
    for (let at = 0; at <= enc.encode(stream).length; at += 1) {
      const seen = run(stream, { splits: [at] });
      expect(seen.out).toBe(expected);
      expect(seen.usage).toEqual([{ inputTokens: 3, outputTokens: 2 }]);
    }
    expect(run(stream, { bytewise: true }).out).toBe(expected);
  });

  it('is removed from CRLF and CR-only streams; usage riding on a chunk with choices stays', () => {
    const withChoices = chunk({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 1 } }, '\r\n');
    const crlf = text('a', '\r\n') + withChoices + usageOnly('\r\n') + 'data: [DONE]\r\n\r\n';
    for (let at = 0; at <= crlf.length; at += 1) expect(run(crlf, { splits: [at] }).out).toBe(text('a', '\r\n') + withChoices + 'data: [DONE]\r\n\r\n');
    const cr = text('a', '\r') + usageOnly('\r') + 'data: [DONE]\r\r';
    for (let at = 0; at <= cr.length; at += 1) expect(run(cr, { splits: [at] }).out).toBe(text('a', '\r') + 'data: [DONE]\r\r');
    const mixed = `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 1 } })}\r\r\ndata: [DONE]\n\n`;
    expect(run(mixed, { splits: [10] }).out).toBe('data: [DONE]\n\n');
  });

  it('leaves everything else alone: multi-byte text split mid-character, an unterminated tail, no stripping asked', () => {
    const wide = text('héllo 世界 🎉') + usageOnly() + 'data: [DONE]\n\n';
    for (let at = 0; at <= enc.encode(wide).length; at += 1) expect(run(wide, { splits: [at] }).out).toBe(text('héllo 世界 🎉') + 'data: [DONE]\n\n');
    expect(run(text('a') + 'data: {"partial"').out).toBe(text('a') + 'data: {"partial"');
    const kept = run(stream, { strip: false, bytewise: true });
    expect(kept.out).toBe(stream);
    expect(kept.usage).toEqual([{ inputTokens: 3, outputTokens: 2 }]);
  });

  it('hands back each chunk itself when not stripping', () => {
    const tap = createPassthroughTap({ format: 'openai-chat', strip: false, onUsage: () => {} });
    const piece = enc.encode(text('a') + 'data: {"half');
    expect(tap.push(piece)).toBe(piece);
    expect(tap.flush().length).toBe(0);
  });
});

describe('passthrough tap: usage and errors of every upstream format', () => {
  const sse = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const anthropic =
    sse('message_start', { message: { id: 'm', usage: { input_tokens: 12, output_tokens: 1 } } }) +
    sse('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'the "error": {} word' } }) +
    sse('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 7 } }) +
    sse('error', { error: { type: 'overloaded_error', message: 'Overloaded' } });
  const responses =
    sse('response.created', { response: { id: 'r', error: null, usage: null } }) +
    sse('response.completed', { response: { id: 'r', usage: { input_tokens: 4, output_tokens: 9, total_tokens: 13 } } }) +
    sse('error', { code: 'server_error', message: 'Something broke' }) +
    sse('response.failed', { response: { id: 'r', error: { code: 'x', message: 'It failed' }, usage: null } });

  it('reads Anthropic usage and error events at every split point', () => {
    for (let at = 0; at <= enc.encode(anthropic).length; at += 1) {
      const seen = run(anthropic, { format: 'anthropic-messages', strip: false, splits: [at] });
      expect(seen.out).toBe(anthropic);
      expect(seen.usage).toEqual([{ inputTokens: 12, outputTokens: 1 }, { outputTokens: 7 }]);
      expect(seen.errors).toEqual(['Overloaded']);
    }
  });

  it('reads Responses usage, error events and failed responses, but not the null ones', () => {
    const seen = run(responses, { format: 'openai-responses', strip: false, bytewise: true });
    expect(seen.out).toBe(responses);
    expect(seen.usage).toEqual([{ inputTokens: 4, outputTokens: 9 }]);
    expect(seen.errors).toEqual(['Something broke', 'It failed']);
  });

  it('reads a large event that arrives in many pieces', () => {
    const big = sse('response.completed', { response: { id: 'r', output_text: 'x'.repeat(1_000_000), usage: { input_tokens: 1, output_tokens: 2 } } });
    const splits = Array.from({ length: Math.floor(big.length / 1000) }, (_, i) => (i + 1) * 1000);
    const seen = run(big, { format: 'openai-responses', strip: false, splits });
    expect(seen.out).toBe(big);
    expect(seen.usage).toEqual([{ inputTokens: 1, outputTokens: 2 }]);
  });

  it('reads an OpenAI Chat mid-stream error object, and ignores non-JSON events', () => {
    const stream = text('a') + 'data: {"error": {"message": "rate limited", "type": "rate_limit"}}\n\n' + 'data: "usage": {not json}\n\n';
    const seen = run(stream, { strip: false, splits: [5, 40] });
    expect(seen.out).toBe(stream);
    expect(seen.errors).toEqual(['rate limited']);
    expect(seen.usage).toEqual([]);
  });
});
