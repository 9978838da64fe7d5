import { describe, expect, it } from 'vitest';
import { rewriteModel } from '../../src/gateway/core/pipeline/rewrite-model.js';

const enc = (s: string) => new TextEncoder().encode(s);
const run = (text: string, to = 'gpt-x') => {
  const out = rewriteModel(enc(text), (JSON.parse(text) as { model?: unknown }).model, to);
  return out && new TextDecoder().decode(out);
};

describe('rewriteModel: passthrough bytes with only the top-level model replaced', () => {
  it.each([
    ['{"model":"a","messages":[]}', '{"model":"gpt-x","messages":[]}'],
    ['{ "stream" : true ,\n "model" :\t"oa/ok", "x": 1 }', '{ "stream" : true ,\n "model" :\t"gpt-x", "x": 1 }'],
    ['{"metadata":{"model":"nested"},"model":"top"}', '{"metadata":{"model":"nested"},"model":"gpt-x"}'], // a nested key is skipped
    ['{"model":"top","metadata":{"model":"nested"}}', undefined], // "model" again after it: no guessing
    [
      '{"messages":[{"role":"user","content":"say \\"hi\\" to {me}"}],"model":"m"}',
      '{"messages":[{"role":"user","content":"say \\"hi\\" to {me}"}],"model":"gpt-x"}',
    ],
    ['{"system":"héllo 世界 👋","model":"m"}', '{"system":"héllo 世界 👋","model":"gpt-x"}'],
    ['{"model":"a","model":"b"}', undefined],
    ['{"model":5}', undefined],
    ['{"messages":[]}', undefined],
  ])('%s', (input, expected) => {
    expect(run(input)).toBe(expected);
  });

  it('keeps every other byte exactly, even of a large body', () => {
    const text = `{"model":"a","messages":[{"role":"user","content":"${'x'.repeat(1_000_000)}"}],"z":[1, 2 ,3]}`;
    const out = run(text, 'provider-model-id')!;
    expect(out).toBe(text.replace('"a"', '"provider-model-id"'));
  });

  it('gives up when the model comes after the first 256 KB (the caller then serialises)', () => {
    const text = `{"messages":[{"role":"user","content":"${'x'.repeat(300_000)}"}],"model":"a"}`;
    expect(run(text)).toBeUndefined();
  });
});
