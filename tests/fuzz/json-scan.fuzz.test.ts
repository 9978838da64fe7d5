/**
 * The byte-level body check (json-scan.ts) against JSON.parse after a default TextDecoder,
 * on valid JSON, JSON with random bytes changed (structure, escapes, control characters,
 * invalid UTF-8) and nesting at the depth limit: whatever the scan accepts, JSON.parse
 * accepts as an object no deeper than the limit, with each wanted top-level value exactly
 * where the scan says; and it accepts every ordinary object JSON.stringify writes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds } from '../../src/gateway/core/body.js';
import { scanJsonObject, scanKeys } from '../../src/gateway/core/json-scan.js';
import { FUZZ } from './fuzz-settings.js';

const WANTED = ['model', 'stream', 'stream_options'];
const KEYS = scanKeys(...WANTED);
const LIMIT = 12;
const dec = new TextDecoder();
const enc = new TextEncoder();

/** What JSON.parse makes of the bytes, or undefined when it refuses them. */
function reference(bytes: Uint8Array): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(dec.decode(bytes)) };
  } catch {
    return undefined;
  }
}

function agrees(bytes: Uint8Array): boolean {
  const spans = scanJsonObject(bytes, KEYS, LIMIT);
  if (!spans) return false;
  const ref = reference(bytes);
  expect(ref, `scan accepted what JSON.parse refuses: ${JSON.stringify(dec.decode(bytes))}`).toBeDefined();
  const value = ref!.value as Record<string, unknown>;
  expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
  expect(jsonDepthExceeds(value, LIMIT)).toBe(false);
  WANTED.forEach((key, k) => {
    const span = spans[k];
    expect(span !== undefined).toBe(Object.hasOwn(value, key));
    if (span) expect(JSON.parse(dec.decode(bytes.subarray(span[0], span[1])))).toEqual(value[key]);
  });
  return true;
}

const key = fc.oneof(fc.constantFrom(...WANTED, 'messages', 'max_tokens', '__proto__', ''), fc.string({ maxLength: 6 }));
const leaf = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const tree = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('any'), { maxLength: 4 }), fc.dictionary(key, tie('any'), { maxKeys: 4 })),
})).any;
const object = fc.dictionary(key, tree, { maxKeys: 6 });
const spaced = fc.tuple(object, fc.constantFrom(undefined, 0, 1, 2, '\t', '\r\n ')).map(([v, indent]) => JSON.stringify(v, null, indent as never));
/** A byte to put in: structure, escapes, digits, control characters, invalid UTF-8, anything. */
const noise = fc.oneof(
  fc.constantFrom(...'{}[],:"\\/ 0123456789eE.+-tfnulbrx'.split('').map((c) => c.charCodeAt(0))),
  fc.constantFrom(0x00, 0x09, 0x0a, 0x0d, 0x1f, 0x7f, 0x80, 0xbf, 0xc3, 0xe2, 0xef, 0xbb, 0xf0, 0xff),
  fc.integer({ min: 0, max: 255 }),
);
const edit = fc.tuple(fc.nat(), fc.constantFrom('insert', 'replace', 'delete'), noise);

function mutate(text: string, edits: [number, string, number][]): Uint8Array {
  const bytes = [...enc.encode(text)];
  for (const [at, how, byte] of edits) {
    const i = bytes.length === 0 ? 0 : at % (bytes.length + (how === 'insert' ? 1 : 0));
    if (how === 'insert') bytes.splice(i, 0, byte);
    else if (how === 'replace') bytes[i] = byte;
    else bytes.splice(i, 1);
  }
  return Uint8Array.from(bytes);
}

describe('json-scan agrees with JSON.parse', () => {
  it('accepts every object JSON.stringify writes (keys plain), with the values where JSON.parse finds them', () => {
    fc.assert(
      fc.property(spaced, (text) => {
        const topKeysPlain = Object.keys(JSON.parse(text) as object).every((k) => !/["\\\u0000-\u001f]/.test(k));
        const accepted = agrees(enc.encode(text));
        if (topKeysPlain && !jsonDepthExceeds(JSON.parse(text), LIMIT)) expect(accepted, text).toBe(true);
      }),
      FUZZ,
    );
  });

  it('never accepts what JSON.parse refuses, with bytes inserted, replaced or deleted', () => {
    fc.assert(
      fc.property(spaced, fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
        agrees(mutate(text, edits));
      }),
      { ...FUZZ, numRuns: FUZZ.numRuns * 10 },
    );
  });

  it('takes a BOM and whitespace around, and the nesting limit exactly', () => {
    const nest = (n: number) => `${'[{"a":'.repeat(n)}1${'}]'.repeat(n)}`;
    expect(agrees(enc.encode(`\ufeff \n{"model":"m"}\t`))).toBe(true);
    expect(agrees(enc.encode(`{"x":${nest(5)}}`))).toBe(true); // 1 + 10 levels
    expect(agrees(enc.encode(`{"x":${nest(5)},"y":[[]]}`))).toBe(true);
    expect(scanJsonObject(enc.encode(`{"x":${nest(5)}[]}`), KEYS, LIMIT)).toBeUndefined();
    expect(scanJsonObject(enc.encode(`{"x":[${nest(5)}]}`), KEYS, LIMIT)).toBeDefined(); // 12 levels
    expect(scanJsonObject(enc.encode(`{"x":[[${nest(5)}]]}`), KEYS, LIMIT)).toBeUndefined(); // 13
    expect(agrees(enc.encode(`{"x":${'['.repeat(10)}{}${']'.repeat(10)}}`))).toBe(true); // 12
    expect(scanJsonObject(enc.encode(`{"x":${'['.repeat(11)}{}${']'.repeat(11)}}`), KEYS, LIMIT)).toBeUndefined(); // 13
  });

  it.each([
    '{"a":1,}',
    '{"a":[1,]}',
    '{,}',
    '{"a" 1}',
    '{"a":01}',
    '{"a":00}',
    '{"a":-00.5}',
    '{"a":[1}]',
    '{"a":{"b":1]}',
    '{"a":1.}',
    '{"a":.5}',
    '{"a":+1}',
    '{"a":-}',
    '{"a":1e}',
    '{"a":1e+}',
    '{"a":"\\x"}',
    '{"a":"\\u12"}',
    '{"a":"\\u12g4"}',
    '{"a":"\\u123g"}',
    '{"a":"tab\there"}',
    '{"a":"new\nline"}',
    '{"a":NaN}',
    '{"a":Infinity}',
    "{'a':1}",
    '{"a":1}/**/',
    '{"a":tru}',
    '{"a":nul}',
    '{"a":"open}',
    '{"a":1}{}',
    '{"a":1}]',
    '{"a":[}',
    '[1]',
    '"x"',
    '',
    '\u00a0{}',
  ])('refuses %j', (text) => {
    expect(reference(enc.encode(text)) === undefined).toBe(!['[1]', '"x"'].includes(text)); // those two are JSON, not objects
    expect(scanJsonObject(enc.encode(text), KEYS, LIMIT)).toBeUndefined();
  });
});
