/**
 * A model route's body read as far as needed: `model`, `stream` and `stream_options` as
 * JSON.parse reads them, the whole body parsed only on demand, and a passthrough body that is
 * the client's bytes with only the model (and, when asked, include_usage) spliced in.
 */
import { describe, expect, it } from 'vitest';
import { type BodyError } from '../../src/gateway/core/body.js';
import { RequestBody } from '../../src/gateway/core/request-body.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | string) => (typeof b === 'string' ? b : new TextDecoder('utf-8', { ignoreBOM: true }).decode(b));
const read = (s: string | Uint8Array) => RequestBody.read(typeof s === 'string' ? enc(s) : s, 'application/json');
const error = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err as BodyError;
  }
  throw new Error('expected a BodyError');
};

describe('RequestBody.passthrough: the client bytes with only the model replaced', () => {
  it.each([
    ['{"model":"a","messages":[]}', '{"model":"gpt-x","messages":[]}'],
    ['{ "stream" : true ,\n "model" :\t"oa/ok", "x": 1 }', '{ "stream" : true ,\n "model" :\t"gpt-x", "x": 1 }'],
    ['{"metadata":{"model":"nested"},"model":"top"}', '{"metadata":{"model":"nested"},"model":"gpt-x"}'],
    ['{"model":"top","metadata":{"model":"nested"}}', '{"model":"gpt-x","metadata":{"model":"nested"}}'],
    [
      '{"messages":[{"role":"user","content":"say \\"hi\\" to {me} \\"model\\":"}],"model":"m"}',
      '{"messages":[{"role":"user","content":"say \\"hi\\" to {me} \\"model\\":"}],"model":"gpt-x"}',
    ],
    ['{"system":"héllo 世界 👋","model":"m"}', '{"system":"héllo 世界 👋","model":"gpt-x"}'],
    ['{"model":"a\\u0062"}', '{"model":"gpt-x"}'],
    ['{"messages":[]}', '{"model":"gpt-x","messages":[]}'], // no model: it is added
    ['{ }', '{"model":"gpt-x" }'],
    ['\ufeff{"model":"m"}', '{"model":"gpt-x"}'], // a BOM is dropped (JSON.parse never saw it)
    ['\ufeff{}', '{"model":"gpt-x"}'],
  ])('%s', (input, expected) => {
    expect(dec(read(input).passthrough('gpt-x'))).toBe(expected);
  });

  it('serialises what the byte scan does not take (a duplicate model: JSON.parse keeps the last)', () => {
    const body = read('{"model":"a","x":1,"model":"b"}');
    expect(body.model).toBe('b');
    // Not the bytes with one of the two replaced: a provider may read the other one.
    expect(dec(body.passthrough('gpt-x'))).toBe('{"model":"gpt-x","x":1}');
    const escapedKey = read('{"mod\\u0065l":"a","stream":true}');
    expect(escapedKey.model).toBe('a');
    expect(JSON.parse(dec(escapedKey.passthrough('gpt-x')))).toEqual({ model: 'gpt-x', stream: true });
  });

  it('keeps every other byte of a large body, wherever the model is', () => {
    const big = 'x'.repeat(1_000_000);
    const before = `{"model":"a","messages":[{"role":"user","content":"${big}"}],"z":[1, 2 ,3]}`;
    expect(dec(read(before).passthrough('provider-model-id'))).toBe(before.replace('"a"', '"provider-model-id"'));
    const after = `{"messages":[{"role":"user","content":"${big}"}],"model":"a"}`;
    expect(dec(read(after).passthrough('m2'))).toBe(after.replace('"model":"a"', '"model":"m2"'));
  });

  it('asks an OpenAI Chat stream for usage: added, or merged into the stream_options given', () => {
    expect(JSON.parse(dec(read('  {"model":"m","stream":true,"messages":[]}').passthrough('x', true)))).toEqual({
      model: 'x',
      stream_options: { include_usage: true },
      stream: true,
      messages: [],
    });
    const merged = dec(read('{"stream_options":{"include_usage":false,"other":1},"model":"m","stream":true}').passthrough('x', true));
    expect(merged).toBe('{"stream_options":{"include_usage":true,"other":1},"model":"x","stream":true}');
    expect(dec(read('{"stream":true}').passthrough('x', true))).toBe('{"model":"x","stream_options":{"include_usage":true},"stream":true}');
    expect(JSON.parse(dec(RequestBody.of({ model: 'm', stream: true }).passthrough('x', true)))).toEqual({
      model: 'x',
      stream: true,
      stream_options: { include_usage: true },
    });
  });
});

describe('RequestBody fields and the whole value', () => {
  it('reads the routing fields as JSON.parse does, and parses the rest only when asked', () => {
    const text = '{"a":[1,{"b":"c"}],"model":"gr\\u00fcn/m\\"1","stream":true,"stream_options":{"include_usage":true},"n":-1.5e3}';
    const body = read(text);
    expect([body.model, body.stream, body.streamOptions]).toEqual(['grün/m"1', true, { include_usage: true }]);
    expect(body.value).toEqual(JSON.parse(text));
    expect(body.value).toBe(body.value);
    expect(read('{"stream":false}').stream).toBe(false);
    expect(read('{"stream":"true"}').stream).toBe('true');
    expect(read('{}').model).toBeUndefined();
  });

  it('gives the 400 and 415 the ordinary parse gives', () => {
    expect(error(() => read('{"model":"a",}')).message).toMatch(/^request body is not valid JSON/);
    expect(error(() => read('[1]')).message).toBe('request body must be a JSON object');
    expect(error(() => read(`{"a":${'['.repeat(200)}${']'.repeat(200)}}`)).message).toMatch(/nests deeper than 128 levels/);
    expect(error(() => RequestBody.read(undefined, 'application/json')).message).toBe('request body must be a JSON object');
    const type = error(() => RequestBody.read(enc('{}'), 'text/plain'));
    expect([type.code, type.message]).toEqual(['unsupported_media_type', 'unsupported content type "text/plain": send Content-Type: application/json']);
    expect(read('  \n ').value).toEqual({});
  });
});
