import { describe, expect, it } from 'vitest';
import { RouterError } from '../../src/errors/router-error.js';
import { parseOperationInput } from '../../src/config/operations/execute.js';
import { findOperation } from '../../src/config/operations/registry.js';
import type { OperationContext } from '../../src/config/operations/types.js';
import { emptyConfig, type Config } from '../../src/config/schema.js';
import { checkConfig } from '../../src/config/parse-config.js';

const ctx: OperationContext = {
  now: new Date('2026-11-23T12:00:00Z'),
  randomBytes: (n) => new Uint8Array(n).fill(7),
  configPath: '/h/.llm-router.json',
  configExists: true,
};

function run(config: Config, name: string, input: Record<string, unknown>) {
  const op = findOperation(name);
  const outcome = op.run(config, parseOperationInput(op, input), ctx);
  if (outcome.config) checkConfig(outcome.config, (issues) => new Error(JSON.stringify(issues)));
  return outcome;
}

function expectError(fn: () => unknown, code: string, message: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RouterError);
    expect((err as RouterError).code).toBe(code);
    expect((err as RouterError).message).toMatch(message);
    return;
  }
  throw new Error('expected an error');
}

function sample(): Config {
  let config = emptyConfig();
  config = run(config, 'upsert-provider', {
    providerId: 'openAI',
    baseUrl: 'https://o.test/v1',
    apiKey: 'sk-1234567890',
    models: ['gpt', 'mini'],
    format: 'openai',
  }).config!;
  config = run(config, 'upsert-provider', {
    providerId: 'claude',
    claudeBaseUrl: 'https://c.test',
    apiKeyEnv: 'CLAUDE_KEY',
    models: ['sonnet', 'haiku'],
  }).config!;
  return config;
}

describe('upsert-provider', () => {
  it('creates with the id case kept, a default model, and formats from the endpoints', () => {
    const config = sample();
    expect(config.providers.map((p) => p.id)).toEqual(['openAI', 'claude']);
    expect(config.defaultModel).toBe('openAI/gpt');
    expect(config.providers[1]).toMatchObject({
      format: 'claude',
      formats: ['claude'],
      baseUrlByFormat: { claude: 'https://c.test' },
      apiKeyEnv: 'CLAUDE_KEY',
    });
    expect(config.providers[1]?.apiKey).toBeUndefined();
  });

  it('derives the id from the name', () => {
    const out = run(emptyConfig(), 'upsert-provider', { name: 'My Fancy Provider', baseUrl: 'https://x.test', models: ['m'], format: 'anthropic' });
    expect(out.config?.providers[0]).toMatchObject({ id: 'my-fancy-provider', name: 'My Fancy Provider', format: 'claude' });
  });

  it('updates only what is given and keeps settings of kept models', () => {
    let config = sample();
    config = run(config, 'set-model-fallbacks', { providerId: 'openAI', model: 'mini', fallbackModels: ['claude/sonnet'] }).config!;
    const out = run(config, 'upsert-provider', { providerId: 'openAI', models: ['mini', 'gpt-5'] });
    const provider = out.config!.providers[0]!;
    expect(provider.apiKey).toBe('sk-1234567890');
    expect(provider.models).toEqual([{ id: 'mini', fallbackModels: ['claude/sonnet'] }, { id: 'gpt-5' }]);
    expect(out.data).toMatchObject({ action: 'updated', removedModels: ['openAI/gpt'] });
    expect(out.config!.defaultModel).toBe('openAI/mini');
  });

  it('warns when there is no key and when the format was defaulted', () => {
    const out = run(emptyConfig(), 'upsert-provider', { providerId: 'local', baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama'] });
    expect(out.warnings?.join('\n')).toMatch(/no API key/);
    expect(out.warnings?.join('\n')).toMatch(/no --format given; using "openai"/);
  });

  it('refuses several unassigned endpoints, a missing endpoint, both key kinds, a taken name', () => {
    expectError(
      () => run(emptyConfig(), 'upsert-provider', { providerId: 'x', endpoints: ['https://a.test', 'https://b.test'], models: ['m'] }),
      'INVALID_INPUT',
      /--endpoints lists 2 URLs/,
    );
    expectError(() => run(emptyConfig(), 'upsert-provider', { providerId: 'x', models: ['m'] }), 'INVALID_INPUT', /an endpoint is required/);
    expectError(
      () => run(emptyConfig(), 'upsert-provider', { providerId: 'x', baseUrl: 'https://a.test', models: ['m'], apiKey: 'a', apiKeyEnv: 'B' }),
      'INVALID_INPUT',
      /not both/,
    );
    expectError(
      () => run(sample(), 'upsert-provider', { providerId: 'other', name: 'OPENAI', baseUrl: 'https://a.test', models: ['m'] }),
      'INVALID_INPUT',
      /name "OPENAI" is already used by provider "openAI"/,
    );
  });
});

describe('removals cascade', () => {
  function withRefs(): Config {
    let config = sample();
    config = run(config, 'set-model-fallbacks', { providerId: 'openAI', model: 'gpt', fallbackModels: ['claude/sonnet', 'openAI/mini'] }).config!;
    config = run(config, 'upsert-model-alias', {
      aliasId: 'smart',
      strategy: 'weighted-rr',
      targets: 'openAI/gpt@2, claude/sonnet',
      fallbackTargets: 'claude/haiku',
    }).config!;
    config = run(config, 'set-provider-rate-limits', {
      providerId: 'claude',
      bucketName: 'sonnet cap',
      bucketModels: ['sonnet'],
      bucketRequests: 10,
      bucketWindow: 'hour:5',
    }).config!;
    return config;
  }

  it('remove-provider drops its models from fallbacks and aliases and re-points the default', () => {
    let config = withRefs();
    config = run(config, 'set-master-key', { masterKey: 'k'.repeat(40) }).config!;
    const out = run({ ...config, defaultModel: 'claude/sonnet' }, 'remove-provider', { providerId: 'claude' });
    expect(out.config!.providers.map((p) => p.id)).toEqual(['openAI']);
    expect(out.config!.providers[0]!.models[0]!.fallbackModels).toEqual(['openAI/mini']);
    expect(out.config!.modelAliases!.smart).toEqual({ strategy: 'weighted-rr', targets: [{ ref: 'openAI/gpt', weight: 2 }] });
    expect(out.config!.defaultModel).toBe('openAI/gpt');
    expect(out.lines.join('\n')).toMatch(/removed from the targets of alias smart/);
  });

  it('remove-model refuses to leave an alias without targets', () => {
    let config = sample();
    config = run(config, 'upsert-model-alias', { aliasId: 'only', targets: 'claude/haiku' }).config!;
    expectError(() => run(config, 'remove-model', { providerId: 'claude', model: 'haiku' }), 'INVALID_INPUT', /alias "only" would be left with no targets/);
  });

  it('remove-model drops a bucket that only covered it', () => {
    const out = run(withRefs(), 'remove-model', { providerId: 'claude', model: 'sonnet' });
    expect(out.config!.providers[1]!.rateLimits).toEqual([]);
    expect(out.lines.join('\n')).toMatch(/bucket claude\/sonnet-cap removed/);
  });

  it('remove-model refuses the last model of an enabled provider', () => {
    const config = run(sample(), 'remove-model', { providerId: 'claude', model: 'haiku' }).config!;
    expectError(
      () => run(config, 'remove-model', { providerId: 'claude', model: 'sonnet' }),
      'INVALID_INPUT',
      /only model of provider "claude"; remove the provider instead/,
    );
  });

  it('remove-model-alias refuses while another alias targets it, then re-points the default', () => {
    let config = withRefs();
    config = run(config, 'upsert-model-alias', { aliasId: 'outer', targets: 'smart' }).config!;
    expectError(() => run(config, 'remove-model-alias', { aliasId: 'smart' }), 'INVALID_INPUT', /target of "outer"/);
    const out = run({ ...config, defaultModel: 'outer' }, 'remove-model-alias', { aliasId: 'outer' });
    expect(out.config!.defaultModel).toBe('openAI/gpt');
  });

  it('names the unknown thing when removing', () => {
    expectError(() => run(sample(), 'remove-provider', { providerId: 'openai' }), 'NOT_FOUND', /unknown provider "openai" \(did you mean "openAI"\?\)/);
    expectError(() => run(sample(), 'remove-model', { providerId: 'claude', model: 'opus' }), 'NOT_FOUND', /has no model "opus" \(known: sonnet, haiku\)/);
    expectError(() => run(sample(), 'remove-model-alias', { aliasId: 'nope' }), 'NOT_FOUND', /no aliases are defined/);
  });
});

describe('aliases', () => {
  it('parses weights, separators, the seed ref:weight form and JSON, storing canonical refs', () => {
    const config = sample();
    const out = run(config, 'upsert-model-alias', { aliasId: 'a', strategy: 'smart', targets: 'openAI/gpt@3; claude/sonnet:2\nclaude/haiku' });
    expect(out.config!.modelAliases!.a).toEqual({
      strategy: 'auto',
      targets: [{ ref: 'openAI/gpt', weight: 3 }, { ref: 'claude/sonnet', weight: 2 }, { ref: 'claude/haiku' }],
    });
    const json = run(config, 'upsert-model-alias', { aliasId: 'b', targets: '[{"ref":"claude/sonnet","weight":0.5},"openAI/mini"]' });
    expect(json.config!.modelAliases!.b!.targets).toEqual([{ ref: 'claude/sonnet', weight: 0.5 }, { ref: 'openAI/mini' }]);
  });

  it('keeps omitted fields when editing', () => {
    let config = run(sample(), 'upsert-model-alias', {
      aliasId: 'a',
      strategy: 'round-robin',
      targets: 'openAI/gpt,claude/sonnet',
      fallbackTargets: 'claude/haiku',
    }).config!;
    config = run(config, 'upsert-model-alias', { aliasId: 'a', strategy: 'ordered' }).config!;
    expect(config.modelAliases!.a).toMatchObject({
      strategy: 'ordered',
      targets: [{ ref: 'openAI/gpt' }, { ref: 'claude/sonnet' }],
      fallbackTargets: [{ ref: 'claude/haiku' }],
    });
    config = run(config, 'upsert-model-alias', { aliasId: 'a', clearFallbackTargets: true }).config!;
    expect(config.modelAliases!.a!.fallbackTargets).toBeUndefined();
  });

  it('refuses cycles, unknown refs, bad weights, duplicates and primary targets in the fallback tier', () => {
    let config = run(sample(), 'upsert-model-alias', { aliasId: 'a', targets: 'openAI/gpt' }).config!;
    config = run(config, 'upsert-model-alias', { aliasId: 'b', targets: 'a' }).config!;
    expectError(() => run(config, 'upsert-model-alias', { aliasId: 'a', targets: 'b' }), 'INVALID_INPUT', /alias cycle: a -> b -> a/);
    expectError(
      () => run(config, 'upsert-model-alias', { aliasId: 'c', targets: 'openAI/gpt-9' }),
      'INVALID_INPUT',
      /--targets: provider "openAI" has no model "gpt-9"/,
    );
    expectError(
      () => run(config, 'upsert-model-alias', { aliasId: 'c', targets: 'openAI/gpt@0' }),
      'INVALID_INPUT',
      /weight in "openAI\/gpt@0" must be a number greater than 0/,
    );
    expectError(() => run(config, 'upsert-model-alias', { aliasId: 'c', targets: 'openAI/gpt,openAI/gpt@2' }), 'INVALID_INPUT', /listed twice/);
    expectError(
      () => run(config, 'upsert-model-alias', { aliasId: 'c', targets: 'openAI/gpt', fallbackTargets: 'openAI/gpt' }),
      'INVALID_INPUT',
      /already a primary target/,
    );
    expectError(() => run(config, 'upsert-model-alias', { aliasId: 'c' }), 'INVALID_INPUT', /--targets is required for a new alias/);
    expectError(
      () => run(config, 'upsert-model-alias', { aliasId: 'bad id', targets: 'openAI/gpt' }),
      'INVALID_INPUT',
      /--alias-id: must start with a letter or digit/,
    );
    expectError(
      () => run(config, 'upsert-model-alias', { aliasId: 'c', targets: 'openAI/gpt', strategy: 'random' }),
      'INVALID_INPUT',
      /--strategy: must be one of auto, ordered/,
    );
  });
});

describe('set-model-fallbacks', () => {
  it('sets canonical refs in order and clears them', () => {
    let config = run(sample(), 'set-model-fallbacks', { providerId: 'openAI', model: 'gpt', fallbackModels: ['claude/haiku', 'openAI/mini'] }).config!;
    expect(config.providers[0]!.models[0]!.fallbackModels).toEqual(['claude/haiku', 'openAI/mini']);
    config = run(config, 'set-model-fallbacks', { providerId: 'openAI', model: 'gpt', clear: true }).config!;
    expect(config.providers[0]!.models[0]).toEqual({ id: 'gpt' });
  });

  it('refuses self, aliases, unknown refs and an empty request', () => {
    const config = run(sample(), 'upsert-model-alias', { aliasId: 'a', targets: 'openAI/gpt' }).config!;
    expectError(
      () => run(config, 'set-model-fallbacks', { providerId: 'openAI', model: 'gpt', fallbackModels: ['openAI/gpt'] }),
      'INVALID_INPUT',
      /cannot fall back to itself/,
    );
    expectError(() => run(config, 'set-model-fallbacks', { providerId: 'openAI', model: 'gpt', fallbackModels: ['a'] }), 'INVALID_INPUT', /is an alias/);
    expectError(
      () => run(config, 'set-model-fallbacks', { providerId: 'openAI', model: 'gpt', fallbackModels: ['x/y'] }),
      'INVALID_INPUT',
      /unknown provider "x"/,
    );
    expectError(
      () => run(config, 'set-model-fallbacks', { providerId: 'openAI', model: 'gpt' }),
      'INVALID_INPUT',
      /--fallback-models=prov\/model,... or --clear-fallbacks=true is required/,
    );
  });
});

describe('set-model-pricing', () => {
  it('replaces the four prices, keeps unknown pricing fields, and clears', () => {
    const base = sample();
    base.providers[0]!.models[0]!.pricing = { input: 9, cacheRead: 1, currency: 'USD' } as never;
    let config = run(base, 'set-model-pricing', { providerId: 'openAI', models: ['gpt'], input: 2, output: 8 }).config!;
    expect(config.providers[0]!.models[0]!.pricing).toEqual({ input: 2, output: 8, currency: 'USD' });
    config = run(config, 'set-model-pricing', { providerId: 'openAI', models: ['all'], clear: true }).config!;
    expect(config.providers[0]!.models.map((m) => m.pricing)).toEqual([undefined, undefined]);
  });

  it('refuses a negative or infinite price, and prices with a clear', () => {
    expectError(
      () => run(sample(), 'set-model-pricing', { providerId: 'openAI', models: ['gpt'], input: -1, output: 1 }),
      'INVALID_INPUT',
      /--input: must be >= 0/,
    );
    expectError(
      () => run(sample(), 'set-model-pricing', { providerId: 'openAI', models: ['gpt'], input: 1, output: Infinity }),
      'INVALID_INPUT',
      /--output: must be a finite number/,
    );
    expectError(() => run(sample(), 'set-model-pricing', { providerId: 'openAI', models: ['gpt'], input: 1, clear: true }), 'INVALID_INPUT', /not both/);
  });
});

describe('set-provider-rate-limits', () => {
  it('adds buckets with stable ids, edits them by id, and removes them', () => {
    let config = run(sample(), 'set-provider-rate-limits', {
      providerId: 'openAI',
      bucketName: '40 per minute',
      bucketRequests: 40,
      bucketWindow: 'minute:1',
    }).config!;
    config = run(config, 'set-provider-rate-limits', {
      providerId: 'openAI',
      bucketName: 'six hours',
      bucketModels: ['gpt'],
      bucketRequests: 600,
      bucketWindow: '6h',
    }).config!;
    expect(config.providers[0]!.rateLimits).toEqual([
      { id: '40-per-minute', name: '40 per minute', models: ['all'], requests: 40, window: { unit: 'minute', size: 1 } },
      { id: 'six-hours', name: 'six hours', models: ['gpt'], requests: 600, window: { unit: 'hour', size: 6 } },
    ]);
    config = run(config, 'set-provider-rate-limits', { providerId: 'openAI', bucketId: 'six-hours', bucketName: 'Renamed', bucketRequests: 500 }).config!;
    expect(config.providers[0]!.rateLimits![1]).toMatchObject({ id: 'six-hours', name: 'Renamed', requests: 500 });
    config = run(config, 'set-provider-rate-limits', { providerId: 'openAI', removeBucket: true, bucketId: '40-per-minute' }).config!;
    expect(config.providers[0]!.rateLimits!.map((b) => b.id)).toEqual(['six-hours']);
  });

  it('upserts or replaces from JSON in the file format', () => {
    let config = run(sample(), 'set-provider-rate-limits', { providerId: 'openAI', bucketName: 'a', bucketRequests: 1, bucketWindow: 'day' }).config!;
    config = run(config, 'set-provider-rate-limits', {
      providerId: 'openAI',
      rateLimits: [{ name: 'Weekly', models: 'all', requests: 1000, window: '1w' }],
    }).config!;
    expect(config.providers[0]!.rateLimits!.map((b) => b.id)).toEqual(['a', 'weekly']);
    config = run(config, 'set-provider-rate-limits', {
      providerId: 'openAI',
      rateLimits: { id: 'only', models: ['gpt'], requests: 3, windowUnit: 'month', windowSize: 1 },
      replaceRateLimits: true,
    }).config!;
    expect(config.providers[0]!.rateLimits).toEqual([{ id: 'only', models: ['gpt'], requests: 3, window: { unit: 'month', size: 1 } }]);
  });

  it('names the problem with bad input', () => {
    const config = sample();
    expectError(
      () => run(config, 'set-provider-rate-limits', { providerId: 'openAI', bucketName: 'x', bucketRequests: 5, bucketWindow: 'fortnight' }),
      'INVALID_INPUT',
      /--bucket-window: bad window "fortnight"/,
    );
    expectError(
      () => run(config, 'set-provider-rate-limits', { providerId: 'openAI', bucketName: 'x', bucketWindow: 'hour' }),
      'INVALID_INPUT',
      /needs --bucket-requests=N/,
    );
    expectError(
      () => run(config, 'set-provider-rate-limits', { providerId: 'openAI', bucketName: 'x', bucketRequests: 0, bucketWindow: 'hour' }),
      'INVALID_INPUT',
      /--bucket-requests: must be greater than 0/,
    );
    expectError(
      () => run(config, 'set-provider-rate-limits', { providerId: 'openAI', removeBucket: true, bucketId: 'ghost' }),
      'NOT_FOUND',
      /has no bucket "ghost"/,
    );
    expectError(
      () => run(config, 'set-provider-rate-limits', { providerId: 'openAI', rateLimits: [{ requests: 'many' }] }),
      'INVALID_INPUT',
      /--rate-limits: bucket/,
    );
  });
});

describe('set-master-key', () => {
  it('generates a key of the requested length from the injected randomness', () => {
    const out = run(emptyConfig(), 'set-master-key', { generate: true });
    const key = out.config!.masterKey!;
    expect(key).toMatch(/^gw_[A-Za-z0-9_-]{45}$/);
    expect(key).toBe(`gw_${Buffer.from(new Uint8Array(34).fill(7)).toString('base64url').slice(0, 45)}`);
    expect((out.data as { masterKey: string }).masterKey).toBe(key);
    expect(out.lines.join('\n')).toContain(key);
  });

  it('is random with the real source and respects length and prefix', async () => {
    const { randomBytes } = await import('node:crypto');
    const op = findOperation('set-master-key');
    const keys = new Set([1, 2, 3].map(() => op.run(emptyConfig(), { generate: true, length: 64, prefix: 'lr-' }, { ...ctx, randomBytes }).config!.masterKey));
    expect(keys.size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^lr-[A-Za-z0-9_-]{61}$/);
  });

  it('masks a given key in its output and refuses ambiguous or too-short requests', () => {
    const out = run(emptyConfig(), 'set-master-key', { masterKey: 'my-own-very-long-master-key-123' });
    expect(out.lines.join('\n')).not.toContain('my-own-very-long-master-key-123');
    expectError(() => run(emptyConfig(), 'set-master-key', { generate: true, masterKey: 'x' }), 'INVALID_INPUT', /exactly one of/);
    expectError(() => run(emptyConfig(), 'set-master-key', { generate: true, length: 20 }), 'INVALID_INPUT', /at least 32 random characters/);
  });
});
