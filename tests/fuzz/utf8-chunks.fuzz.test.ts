/**
 * utf8-chunks against one streaming TextDecoder: any bytes (characters of every length,
 * BOMs, lone continuation bytes, cut-off and invalid sequences), split anywhere, decode to
 * exactly the text a single TextDecoder gives for the whole input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUtf8Chunks } from '../../src/formats/sse/utf8-chunks.js';
import { FUZZ } from './fuzz-settings.js';

const encode = (s: string) => [...new TextEncoder().encode(s)];
const piece = fc.oneof(
  fc.string({ unit: 'grapheme' }).map(encode),
  fc.string({ unit: 'binary' }).map(encode),
  fc.constantFrom(
    [0xef, 0xbb, 0xbf],
    [0x80],
    [0xbf, 0xbf],
    [0xc3],
    [0xe2, 0x82],
    [0xf0, 0x9f, 0x98],
    [0xe0, 0x80],
    [0xf8, 0x88, 0x80, 0x80],
    [0xff],
    [0xed, 0xa0, 0x80],
  ),
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 6 }),
);

function whole(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function chunked(bytes: Uint8Array, cuts: number[]): string {
  const utf8 = createUtf8Chunks();
  let out = '';
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    out += utf8.decode(bytes.subarray(at, cut));
    at = cut;
  }
  return out + utf8.end();
}

describe('utf8-chunks', () => {
  it('gives what one TextDecoder gives for the whole input, split anywhere', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(fc.nat(200), { maxLength: 8 }), (pieces, rawCuts) => {
        const bytes = new Uint8Array(pieces.flat());
        const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        expect(chunked(bytes, cuts)).toBe(whole(bytes));
      }),
      FUZZ,
    );
  });

  it('splits at every byte of multi-byte characters and a leading BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('héllo 世界 🎉'), 0xef, 0xbb, 0xbf, 0xf0, 0x9f]);
    for (let a = 0; a <= bytes.length; a += 1) for (let b = a; b <= bytes.length; b += 1) expect(chunked(bytes, [a, b]), `${a} ${b}`).toBe(whole(bytes));
  });
});
