import { describe, expect, it } from 'vitest';
import { discoverModels } from '../../src/config/operations/discover-models.js';
import { emptyConfig, type Config } from '../../src/config/schema.js';

const now = new Date('2026-12-01T10:00:00.000Z');
const ctx = { now, randomBytes: (n: number) => new Uint8Array(n), configPath: '/x', configExists: true };

function config(): Config {
  return {
    ...emptyConfig(),
    providers: [{ id: 'p', baseUrl: 'https://x.test/v1', format: 'openai', models: [{ id: 'a' }, { id: 'b', fallbackModels: ['p/a'] }, { id: 'c' }] }],
  };
}

const run = (c: Config, listed: string[], apply = false) => discoverModels.run(c, { providerId: 'p', apply, listed: listed.map((id) => ({ id })) }, ctx);

describe('discover-models (pure)', () => {
  it('reports added, removed and unchanged without changing anything', () => {
    const out = run(config(), ['a', 'c', 'd']);
    expect(out.config).toBeUndefined();
    expect(out.data).toMatchObject({ added: ['d'], removed: ['b'], unchanged: ['a', 'c'], relisted: [] });
  });

  it('--apply disables what is gone (keeping its settings), and enables it again when it is listed again', () => {
    const first = run(config(), ['a', 'c', 'd'], true).config!;
    expect(first.providers[0]!.models).toEqual([
      { id: 'a' },
      { id: 'b', fallbackModels: ['p/a'], enabled: false, metadata: { unlistedSince: now.toISOString() } },
      { id: 'c' },
      { id: 'd' },
    ]);
    const back = run(first, ['a', 'b', 'c', 'd'], true);
    expect(back.data).toMatchObject({ relisted: ['b'], added: [], removed: [] });
    expect(back.config!.providers[0]!.models[1]).toEqual({ id: 'b', fallbackModels: ['p/a'] });
  });

  it('leaves a model the user disabled alone', () => {
    const c = config();
    c.providers[0]!.models[2]!.enabled = false;
    expect(run(c, ['a', 'b', 'c']).data).toMatchObject({ relisted: [], removed: [], unchanged: ['a', 'b', 'c'] });
  });

  it('refuses to disable every model (an empty list usually means a wrong key or URL)', () => {
    expect(() => run(config(), ['x-only'].slice(1), true)).toThrow(/not disabling all of them/);
  });

  it('needs the live list from a front end', () => {
    expect(() => discoverModels.run(config(), { providerId: 'p' }, ctx)).toThrow(/needs the live model list/);
  });
});
