import { describe, expect, it } from 'vitest';
import { assertStrongMasterKey, generateMasterKey, masterKeyProblems } from '../../src/deploy/master-key.js';
import { RouterError } from '../../src/errors/router-error.js';

describe('masterKeyProblems (the seed strength check)', () => {
  it.each([
    ['gw_Str0ng-Test-Key-aB3dE5gH7jK9mN1pQ', []],
    ['Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-', []],
    ['Short1-a', [/8 characters/]],
    ['alllowercaseandnothingelseatall', [/1 of the 4 character classes/]],
    ['lowerUPPERbutnodigitsnosymbolsXX', [/2 of the 4/]],
    ['MyPassword-is-2024-and-long-enough', [/"password"/]],
    ['Changeme-Admin-1-long-enough-text', [/"changeme", "admin"/]],
    ['Abc-1234567-xyz-aaaaaa-long-enough', [/"123456"/, /6 or more times/]],
    ['Abcd-1xxxxxx-long-enough-for-check', [/6 or more times/]],
    ['Abcd-1xxxxx-long-enough-for-checks', []],
  ])('%j', (key, expected) => {
    const problems = masterKeyProblems(key);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(problems[i]).toMatch(re));
  });

  it('is case-insensitive for weak words', () => {
    expect(masterKeyProblems('QWERTY-Long-Enough-Key-With-9-Digits')).toEqual([expect.stringMatching(/"qwerty"/)]);
  });
});

describe('generateMasterKey', () => {
  it('defaults to gw_ + 45 base64url characters, strong', () => {
    for (let i = 0; i < 50; i += 1) {
      const key = generateMasterKey();
      expect(key).toMatch(/^gw_[A-Za-z0-9_-]{45}$/);
      expect(masterKeyProblems(key)).toEqual([]);
    }
  });

  it('honours length and prefix, and refuses a too-short length or a bad prefix', () => {
    expect(generateMasterKey(undefined, 64, 'team-')).toMatch(/^team-[A-Za-z0-9_-]{59}$/);
    expect(() => generateMasterKey(undefined, 20)).toThrow(/at least 32 random characters/);
    expect(() => generateMasterKey(undefined, 300)).toThrow(/at most 256/);
    expect(() => generateMasterKey(undefined, 48, 'bad prefix')).toThrow(/--master-key-prefix/);
  });

  it('retries until the key is strong (a random tail of one character class is rejected)', () => {
    let calls = 0;
    // First draw: all zero bytes -> "AAAA..." (one class, long runs); then real randomness.
    const random = (n: number) => (calls++ === 0 ? new Uint8Array(n) : crypto.getRandomValues(new Uint8Array(n)));
    const key = generateMasterKey(random);
    expect(calls).toBe(2);
    expect(masterKeyProblems(key)).toEqual([]);
  });

  it('gives up with INVALID_INPUT when the prefix itself makes every key weak', () => {
    expect(() => generateMasterKey(undefined, 48, 'admin_')).toThrow(RouterError);
    expect(() => generateMasterKey(undefined, 48, 'admin_')).toThrow(/prefix "admin_"/);
  });
});

describe('assertStrongMasterKey', () => {
  it('throws INVALID_INPUT (exit 2) for a weak key unless allowed, then warns', () => {
    try {
      assertStrongMasterKey('password', false);
      expect.unreachable();
    } catch (err) {
      expect((err as RouterError).code).toBe('INVALID_INPUT');
      expect((err as RouterError).exitCode).toBe(2);
    }
    expect(assertStrongMasterKey('password', true)).toEqual([expect.stringMatching(/--allow-weak-master-key/)]);
    expect(assertStrongMasterKey('gw_Str0ng-Test-Key-aB3dE5gH7jK9mN1pQ', false)).toEqual([]);
  });
});
