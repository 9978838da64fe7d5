import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/parse-config.js';
import { RouterError } from '../../src/errors/router-error.js';

const base = () => ({
  version: 2,
  providers: [
    { id: 'openai', baseUrl: 'https://api.openai.test/v1', format: 'openai', models: [{ id: 'gpt' }, { id: 'mini' }], rateLimits: [] as unknown[] },
    { id: 'claude', baseUrl: 'https://api.anthropic.test', format: 'claude', models: [{ id: 'sonnet' }] },
  ],
  modelAliases: {} as Record<string, unknown>,
});

function failure(value: unknown): RouterError {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  try {
    parseConfigText(text, '/h/.llm-router.json');
  } catch (err) {
    if (err instanceof RouterError) return err;
    throw err;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfigText: JSON syntax', () => {
  it('reports the line and column of a syntax error', () => {
    const err = failure('{\n  "version": 2,\n  "providers": [\n    { "id": "x", }\n  ]\n}\n');
    expect(err.code).toBe('CONFIG_PARSE');
    expect(err.line).toBe(4);
    expect(err.message).toContain('/h/.llm-router.json:4:');
    expect(err.message).toContain('expected a property name');
  });

  it('rejects comments, an empty file and a non-object', () => {
    expect(failure('{ // hi\n"version": 2, "providers": [] }').code).toBe('CONFIG_PARSE');
    expect(failure('   \n').message).toContain('is empty');
    expect(failure('[1,2]').message).toContain('the config must be a JSON object');
  });
});

describe('parseConfigText: rules', () => {
  const cases: [string, (c: ReturnType<typeof base>) => void, string, RegExp][] = [
    [
      'bad URL',
      (c) => {
        c.providers[0]!.baseUrl = 'ftp://x';
      },
      'providers[0].baseUrl',
      /must be an http\(s\) URL \(got "ftp:\/\/x"\)/,
    ],
    [
      'bad format',
      (c) => {
        c.providers[0]!.format = 'gemini';
      },
      'providers[0].format',
      /must be one of openai, claude, responses \(got "gemini"\)/,
    ],
    [
      'duplicate provider id',
      (c) => {
        c.providers[1]!.id = 'openai';
      },
      'providers[1].id',
      /duplicate provider id "openai"/,
    ],
    [
      'provider ids differing by case',
      (c) => {
        c.providers[1]!.id = 'OpenAI';
      },
      'providers[1].id',
      /differs from "openai" only by case/,
    ],
    [
      'enabled provider without models',
      (c) => {
        c.providers[1]!.models = [];
      },
      'providers[1].models',
      /needs at least one model/,
    ],
    [
      'format without URL',
      (c) => {
        delete (c.providers[0] as any).baseUrl;
      },
      'providers[0].baseUrl',
      /no URL for format "openai"/,
    ],
    [
      'unknown fallback ref',
      (c) => {
        (c.providers[0]!.models[0] as any).fallbackModels = ['claude/opus'];
      },
      'providers[0].models[0].fallbackModels[0]',
      /fallback provider "claude" has no model "opus" \(known: sonnet\)/,
    ],
    [
      'fallback to itself',
      (c) => {
        (c.providers[0]!.models[0] as any).fallbackModels = ['openai/gpt'];
      },
      'providers[0].models[0].fallbackModels[0]',
      /cannot fall back to itself/,
    ],
    [
      'duplicate bucket id',
      (c) => {
        c.providers[0]!.rateLimits = [
          { id: 'b', models: ['all'], requests: 1, window: { unit: 'minute', size: 1 } },
          { id: 'b', models: ['gpt'], requests: 2, window: { unit: 'hour', size: 1 } },
        ];
      },
      'providers[0].rateLimits[1].id',
      /duplicate bucket id "b"/,
    ],
    [
      'bad window unit',
      (c) => {
        c.providers[0]!.rateLimits = [{ id: 'b', models: ['all'], requests: 1, window: { unit: 'fortnight', size: 1 } }];
      },
      'providers[0].rateLimits[0].window.unit',
      /must be one of second, minute, hour, day, week, month \(got "fortnight"\)/,
    ],
    [
      'bad window size',
      (c) => {
        c.providers[0]!.rateLimits = [{ id: 'b', models: ['all'], requests: 1, window: { unit: 'hour', size: 0 } }];
      },
      'providers[0].rateLimits[0].window.size',
      /window size must be greater than 0/,
    ],
    [
      'non-integer requests',
      (c) => {
        c.providers[0]!.rateLimits = [{ id: 'b', models: ['all'], requests: 1.5, window: { unit: 'hour', size: 1 } }];
      },
      'providers[0].rateLimits[0].requests',
      /requests must be a whole number/,
    ],
    [
      'all mixed with ids',
      (c) => {
        c.providers[0]!.rateLimits = [{ id: 'b', models: ['all', 'gpt'], requests: 1, window: { unit: 'hour', size: 1 } }];
      },
      'providers[0].rateLimits[0].models',
      /"all" cannot be combined/,
    ],
    [
      'bucket naming unknown model',
      (c) => {
        c.providers[0]!.rateLimits = [{ id: 'b', models: ['nope'], requests: 1, window: { unit: 'hour', size: 1 } }];
      },
      'providers[0].rateLimits[0].models[0]',
      /names model "nope"/,
    ],
    [
      'unknown alias target',
      (c) => {
        c.modelAliases.fast = { targets: [{ ref: 'openai/gpt-9' }] };
      },
      'modelAliases.fast.targets[0].ref',
      /provider "openai" has no model "gpt-9"/,
    ],
    [
      'alias without targets',
      (c) => {
        c.modelAliases.fast = { targets: [] };
      },
      'modelAliases.fast.targets',
      /at least one target/,
    ],
    [
      'bad strategy',
      (c) => {
        c.modelAliases.fast = { strategy: 'random', targets: [{ ref: 'openai/gpt' }] };
      },
      'modelAliases.fast.strategy',
      /must be one of auto, ordered/,
    ],
    [
      'zero weight',
      (c) => {
        c.modelAliases.fast = { targets: [{ ref: 'openai/gpt', weight: 0 }] };
      },
      'modelAliases.fast.targets[0].weight',
      /weight must be greater than 0/,
    ],
    [
      'alias cycle',
      (c) => {
        c.modelAliases.a = { targets: [{ ref: 'b' }] };
        c.modelAliases.b = { targets: [{ ref: 'openai/gpt' }], fallbackTargets: [{ ref: 'a' }] };
      },
      'modelAliases.a',
      /alias cycle: a -> b -> a/,
    ],
    [
      'self-referencing alias',
      (c) => {
        c.modelAliases.a = { targets: [{ ref: 'alias:a' }] };
      },
      'modelAliases.a',
      /alias cycle: a -> a/,
    ],
    [
      'unknown default model',
      (c) => {
        (c as any).defaultModel = 'ghost';
      },
      'defaultModel',
      /unknown alias "ghost"/,
    ],
    [
      'header with CR/LF',
      (c) => {
        (c.providers[0] as any).headers = { 'X-Team': 'a\r\nInjected: 1' };
      },
      'providers[0].headers.X-Team',
      /must not contain CR, LF or NUL/,
    ],
    [
      'hop-by-hop header',
      (c) => {
        (c.providers[0] as any).headers = { Host: 'evil.test' };
      },
      'providers[0].headers.Host',
      /managed by the connection/,
    ],
    [
      'header auth without name',
      (c) => {
        (c.providers[0] as any).auth = { type: 'header' };
      },
      'providers[0].auth.headerName',
      /needs a headerName/,
    ],
    [
      'bad apiKeyEnv',
      (c) => {
        (c.providers[0] as any).apiKeyEnv = 'MY-KEY';
      },
      'providers[0].apiKeyEnv',
      /environment variable name/,
    ],
  ];

  it.each(cases)('%s', (_name, mutate, path, message) => {
    const config = base();
    mutate(config);
    const err = failure(config);
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.exitCode).toBe(2);
    expect(err.path).toBe(path);
    expect(err.message).toMatch(message);
    expect(err.line).toBeGreaterThan(1);
  });

  it('points at the line of the offending field as written (alternate spelling included)', () => {
    const text = '{\n  "providers": [\n    {\n      "id": "p",\n      "format": "openai",\n      "base-url": "nope",\n      "models": ["m"]\n    }\n  ]\n}\n';
    const err = failure(text);
    expect(err.line).toBe(6);
    expect(err.message).toContain('/h/.llm-router.json:6:');
    expect(err.message).toContain('providers[0].baseUrl');
  });

  it('lists every problem in details', () => {
    const config = base();
    config.providers[0]!.baseUrl = 'nope';
    config.providers[1]!.format = 'x';
    const err = failure(config);
    expect(err.details).toHaveLength(2);
    expect(err.message).toContain('and 1 more problem');
  });

  it('refuses a schema version newer than it understands', () => {
    const err = failure({ ...base(), version: 3 });
    expect(err.code).toBe('CONFIG_TOO_NEW');
    expect(err.message).toContain('schema version 3');
  });

  it('accepts disabled providers without endpoints or models', () => {
    const config = base();
    config.providers.push({ id: 'off', enabled: false, models: [] } as any);
    expect(parseConfigText(JSON.stringify(config), 'x').providers[2]).toEqual({ id: 'off', enabled: false, models: [] });
  });

  it('loads the seed fixtures', () => {
    for (const name of ['seed-v2.json', 'seed-v1-alternate-keys.json']) {
      const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
      expect(() => parseConfigText(text, name)).not.toThrow();
    }
  });
});
