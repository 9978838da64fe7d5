import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../src/config/normalize-config.js';

describe('normalizeConfig', () => {
  it('folds the seed alternate spellings into canonical keys, in place', () => {
    const { value, issues } = normalizeConfig({
      'master-key': 'k',
      providers: [{ id: 'P', 'base-url': 'https://x.test', credential: 'sk', 'response-format': 'Anthropic', 'rate-limits': [], models: ['a'] }],
      'model-aliases': { fast: { strategy: 'smart', targets: ['P/a'], fallbacks: [{ target: 'P/a', weight: 2 }] } },
    });
    expect(issues).toEqual([]);
    expect(Object.keys(value)).toEqual(['version', 'masterKey', 'providers', 'modelAliases']);
    expect(value.providers).toEqual([{ id: 'P', baseUrl: 'https://x.test', apiKey: 'sk', format: 'claude', rateLimits: [], models: [{ id: 'a' }] }]);
    expect(value.modelAliases).toEqual({ fast: { strategy: 'auto', targets: [{ ref: 'P/a' }], fallbackTargets: [{ ref: 'P/a', weight: 2 }] } });
  });

  it('keeps unknown fields and provider id case, and keeps disabled entries', () => {
    const raw = {
      version: 2,
      extra: { a: 1 },
      providers: [{ id: 'myProvider', enabled: false, lastProbe: { ok: true }, models: [{ id: 'm', enabled: false, cost: 1 }] }],
    };
    expect(normalizeConfig(raw).value).toEqual(raw);
  });

  it('infers version 1 without v2 fields and 2 with them', () => {
    expect(normalizeConfig({ providers: [] }).value.version).toBe(1);
    expect(normalizeConfig({ providers: [], modelAliases: {} }).value.version).toBe(2);
    expect(normalizeConfig({ providers: [{ id: 'a', models: [], rateLimits: [] }] }).value.version).toBe(2);
  });

  it('reports two spellings of one field with different values', () => {
    const { issues } = normalizeConfig({ providers: [{ id: 'a', baseUrl: 'https://a.test', 'base-url': 'https://b.test', models: [] }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(['providers', 0, 'base-url']);
    expect(issues[0]?.message).toContain('"base-url" and "baseUrl" both set baseUrl');
  });

  it('accepts the same value under both spellings silently', () => {
    const { value, issues } = normalizeConfig({ providers: [{ id: 'a', baseUrl: 'https://a.test', 'base-url': 'https://a.test', models: [] }] });
    expect(issues).toEqual([]);
    expect(value.providers).toEqual([{ id: 'a', baseUrl: 'https://a.test', models: [] }]);
  });

  it('builds bucket windows from windowUnit/windowSize and strings, and derives missing ids', () => {
    const { value, issues } = normalizeConfig({
      providers: [
        {
          id: 'p',
          models: ['m'],
          rateLimits: [
            { name: 'Per Minute!', model: 'all', requests: 5, windowUnit: 'minutes', windowSize: 1 },
            { requests: 9, models: ['m'], window: '6h' },
            { name: 'Per Minute!', requests: 1, models: ['all'], window: { unit: 'Hours', size: 2 } },
          ],
        },
      ],
    });
    expect(issues).toEqual([]);
    const buckets = (value.providers as any[])[0].rateLimits;
    expect(buckets[0]).toEqual({ id: 'per-minute', name: 'Per Minute!', models: ['all'], requests: 5, window: { unit: 'minute', size: 1 } });
    expect(buckets[1]).toEqual({ id: 'bucket-2', requests: 9, models: ['m'], window: { unit: 'hour', size: 6 } });
    expect(buckets[2].id).toBe('per-minute-2');
    expect(buckets[2].window).toEqual({ unit: 'hour', size: 2 });
  });

  it('reports an unparseable window string at its path', () => {
    const { issues } = normalizeConfig({ providers: [{ id: 'p', models: [], rateLimits: [{ id: 'b', models: ['all'], requests: 1, window: 'fortnight' }] }] });
    expect(issues[0]?.path).toEqual(['providers', 0, 'rateLimits', 0, 'window']);
    expect(issues[0]?.message).toMatch(/bad window "fortnight"/);
  });

  it('takes model ids from name/model only when id is absent', () => {
    const { value } = normalizeConfig({ providers: [{ id: 'p', models: [{ name: 'a' }, { model: 'b' }, { id: 'c', name: 'Display C' }] }] });
    expect((value.providers as any[])[0].models).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c', name: 'Display C' }]);
  });
});
