/** Model name -> candidates is resolved once per config object: a reload (a new object) resolves afresh. */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { resolveCandidates } from '../../src/gateway/core/pipeline/candidates.js';

const config = (models: string[]): Config =>
  ({ version: 2, providers: [{ id: 'oa', baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', format: 'openai', models: models.map((id) => ({ id })) }] }) as Config;

describe('resolveCandidates cache', () => {
  it('gives the same frozen resolution for the same config, client and model, and a fresh one for a new config', () => {
    const first = config(['a']);
    const one = resolveCandidates(first, 'oa/a', 'openai-chat');
    expect(resolveCandidates(first, 'oa/a', 'openai-chat')).toBe(one);
    if ('error' in one) throw new Error('expected candidates');
    expect(Object.isFrozen(one.candidates)).toBe(true);
    expect(resolveCandidates(first, 'oa/a', 'anthropic-messages')).not.toBe(one);
    expect(resolveCandidates(first, 'oa/b', 'openai-chat')).toMatchObject({ error: { message: expect.stringContaining('"oa/b" is not configured') } });
    const reloaded = config(['a', 'b']);
    expect(resolveCandidates(reloaded, 'oa/b', 'openai-chat')).toMatchObject({ candidates: [{ ref: 'oa/b' }] });
  });

  it('still resolves and caches after clients named thousands of models (past its bound the cache starts over)', () => {
    const c = config(['a']);
    for (let i = 0; i < 2_000; i += 1) resolveCandidates(c, `oa/nope-${i}`, 'openai-chat');
    const again = resolveCandidates(c, 'oa/a', 'openai-chat');
    expect(resolveCandidates(c, 'oa/a', 'openai-chat')).toBe(again);
  });
});
