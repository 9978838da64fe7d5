/** The after-failure decision as data: retry, next candidate, or answer — for every failure class. */
import { describe, expect, it } from 'vitest';
import { decideAfterFailure, recordsHealth, triesFor } from '../../src/routing/after-failure.js';
import { classifyFailure, type Failure } from '../../src/routing/classify-failure.js';
import { DEFAULT_ROUTING_SETTINGS as S } from '../../src/routing/settings.js';

const decide = (failure: Failure, tryNumber: number, maxTries = 3) =>
  decideAfterFailure(classifyFailure(failure, S, 0), { tryNumber, maxTries }, S, () => 0.5).action;

describe('decideAfterFailure', () => {
  it.each([
    ['network error, try 1 of 3', {}, 1, 3, 'retry'],
    ['network error, try 3 of 3', {}, 3, 3, 'next'],
    ['timeout, try 2 of 3', { timeout: true }, 2, 3, 'retry'],
    ['500, try 1 of 3', { status: 500 }, 1, 3, 'retry'],
    ['529 overloaded, last try', { status: 529 }, 3, 3, 'next'],
    ['502 on a fallback candidate (1 try)', { status: 502 }, 1, 1, 'next'],
    ['429 is never retried', { status: 429, retryAfter: '3' }, 1, 3, 'next'],
    ['401 falls back', { status: 401 }, 1, 3, 'next'],
    ['402 falls back', { status: 402 }, 1, 3, 'next'],
    ['404 falls back', { status: 404 }, 1, 3, 'next'],
    ['403 policy answers (no policy fallback by default)', { status: 403, body: 'flagged by content policy' }, 1, 3, 'answer'],
    ['400 answers: another provider would refuse it too', { status: 400 }, 1, 3, 'answer'],
    ['422 answers', { status: 422 }, 1, 3, 'answer'],
  ] as const)('%s -> %s', (_name, failure, tryNumber, maxTries, expected) => {
    expect(decide(failure, tryNumber, maxTries)).toBe(expected);
  });

  it('retries back off exponentially with jitter, capped', () => {
    const delays = [1, 2, 3, 10].map((n) => decideAfterFailure(classifyFailure({}, S, 0), { tryNumber: n, maxTries: 99 }, S, () => 1));
    expect(delays.map((d) => (d.action === 'retry' ? d.delayMs : -1))).toEqual([250, 500, 1000, 3000]);
  });

  it('health is recorded once the candidate is done with, never between retries', () => {
    expect(recordsHealth({ action: 'retry', delayMs: 1 })).toBe(false);
    expect(recordsHealth({ action: 'next' })).toBe(true);
    expect(recordsHealth({ action: 'answer' })).toBe(true);
  });

  it('only the first candidate of a route is retried', () => {
    expect([0, 1, 2].map((i) => triesFor(i, S))).toEqual([3, 1, 1]);
  });
});
