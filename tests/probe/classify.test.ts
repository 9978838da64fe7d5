import { describe, expect, it } from 'vitest';
import { classifyAnswer } from '../../src/probe/classify.js';
import type { ProbeAnswer } from '../../src/probe/probe-client.js';

const answer = (status: number, body: unknown): ProbeAnswer => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(text);
  } catch {
    isJson = false;
  }
  return { reached: true, status, headers: new Headers(), text, json, isJson };
};

const openaiError = (message: string, code: string | null = null) => ({ error: { message, type: 'invalid_request_error', code } });
const anthropicError = (type: string, message: string) => ({ type: 'error', error: { type, message } });

describe('classifyAnswer', () => {
  it.each([
    ['openai', 200, { choices: [{ message: { content: 'x' } }] }, undefined],
    ['claude', 200, { type: 'message', content: [] }, undefined],
    ['responses', 200, { object: 'response', output: [] }, undefined],
    ['claude', 200, { choices: [] }, 'format-mismatch'],
    ['openai', 200, '<html>login</html>', 'non-json'],
    ['openai', 502, 'Bad Gateway', 'non-json'],
    ['openai', 404, '404 page not found', 'format-mismatch'],
    ['openai', 401, openaiError('Incorrect API key provided'), 'auth'],
    ['claude', 401, anthropicError('authentication_error', 'invalid x-api-key'), 'auth'],
    ['openai', 429, openaiError('Rate limit reached'), 'rate-limited'],
    ['openai', 404, openaiError('The model `x` does not exist', 'model_not_found'), 'model-unsupported'],
    ['claude', 404, anthropicError('not_found_error', 'model: x'), 'model-unsupported'],
    ['openai', 400, openaiError('x is not a valid model ID'), 'model-unsupported'],
    ['claude', 404, openaiError('Invalid URL (POST /v1/messages)'), 'format-mismatch'],
    ['responses', 404, openaiError('Invalid URL (POST /v1/responses)'), 'format-mismatch'],
    ['openai', 404, { detail: 'Not Found' }, 'format-mismatch'],
    ['openai', 400, openaiError("Unsupported parameter: 'max_tokens'"), 'bad-request'],
    ['openai', 503, openaiError('overloaded'), 'upstream-error'],
  ] as const)('%s %i %j -> %s', (format, status, body, kind) => {
    const outcome = classifyAnswer(format, answer(status, body));
    expect(outcome.ok).toBe(kind === undefined);
    expect(outcome.kind).toBe(kind);
  });

  it('reports a redirect instead of following it (the key could go to another host)', () => {
    const moved: ProbeAnswer = {
      reached: true,
      status: 301,
      headers: new Headers({ location: 'https://api.example.test/v1' }),
      text: '',
      json: undefined,
      isJson: false,
    };
    expect(classifyAnswer('openai', moved)).toMatchObject({
      kind: 'format-mismatch',
      detail: 'HTTP 301: redirects to https://api.example.test/v1 (give that URL instead)',
    });
  });

  it('network failures keep their kind', () => {
    expect(classifyAnswer('openai', { reached: false, status: 0, kind: 'timeout', detail: 'no answer within 5 ms' })).toEqual({
      ok: false,
      kind: 'timeout',
      detail: 'no answer within 5 ms',
    });
  });

  it('never repeats the key an error message echoes', () => {
    const key = 'sk-live-very-secret-1234';
    const outcome = classifyAnswer('openai', answer(401, openaiError(`Incorrect API key provided: ${key}`)), key);
    expect(outcome.detail).toBe('HTTP 401: Incorrect API key provided: ***');
  });
});
