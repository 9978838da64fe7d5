import { describe, expect, it } from 'vitest';
import { parseRouteRef, resolveRouteRef } from '../../src/config/refs.js';
import type { Config } from '../../src/config/schema.js';

const config: Config = {
  version: 2,
  providers: [
    { id: 'openRouter', models: [{ id: 'anthropic/claude-x', aliases: ['sonnet'] }] },
    { id: 'zai', models: [{ id: 'glm' }] },
  ],
  modelAliases: { fast: { targets: [{ ref: 'zai/glm' }] } },
};

describe('route refs', () => {
  it('splits at the first slash', () => {
    expect(parseRouteRef('openRouter/anthropic/claude-x')).toEqual({ kind: 'model', providerId: 'openRouter', modelId: 'anthropic/claude-x' });
  });

  it('treats bare ids and alias: prefixes as aliases', () => {
    expect(parseRouteRef('fast')).toEqual({ kind: 'alias', aliasId: 'fast' });
    expect(parseRouteRef('alias:fast')).toEqual({ kind: 'alias', aliasId: 'fast' });
  });

  it.each(['', '/m', 'p/', 'bad id'])('rejects malformed %j', (ref) => {
    expect(parseRouteRef(ref)).toHaveProperty('error');
  });

  it('resolves models by id and by per-model alias', () => {
    const byId = resolveRouteRef(config, 'openRouter/anthropic/claude-x');
    const byAlias = resolveRouteRef(config, 'openRouter/sonnet');
    expect(byId).toMatchObject({ kind: 'model', model: { id: 'anthropic/claude-x' } });
    expect(byAlias).toMatchObject({ kind: 'model', model: { id: 'anthropic/claude-x' } });
  });

  it('suggests the right case for a provider id', () => {
    expect(resolveRouteRef(config, 'openrouter/anthropic/claude-x')).toEqual({ error: 'unknown provider "openrouter" (did you mean "openRouter"?)' });
  });

  it('names known models and aliases when a ref does not resolve', () => {
    expect(resolveRouteRef(config, 'zai/nope')).toEqual({ error: 'provider "zai" has no model "nope" (known: glm)' });
    expect((resolveRouteRef(config, 'gpt-4o') as { error: string }).error).toMatch(
      /unknown alias "gpt-4o" \(known: fast\); models are referenced as provider\/model/,
    );
  });
});
