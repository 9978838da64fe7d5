import { describe, expect, it } from 'vitest';
import { openSealed } from '../../src/config/sealed.js';
import type { Config } from '../../src/config/schema.js';
import { sealWorkerConfig, workerConfig } from '../../src/deploy/sealed-payload.js';

const base = (): Config =>
  ({
    version: 2,
    masterKey: 'gw_local-key',
    state: { backend: 'redis', url: 'redis://:pw@redis.internal:6379' },
    providers: [
      { id: 'a', baseUrl: 'https://a.example.test/v1', apiKey: 'sk-a', models: [{ id: 'm' }] },
      { id: 'b', baseUrl: 'https://b.example.test/v1', apiKeyEnv: 'B_KEY', models: [{ id: 'm' }] },
      { id: 'off', enabled: false, baseUrl: 'http://127.0.0.1:11434/v1', models: [{ id: 'm' }] },
      { id: 'ollama', baseUrl: 'http://localhost:11434/v1', models: [{ id: 'm' }] },
    ],
    unknownField: { kept: true },
  }) as unknown as Config;

describe('workerConfig', () => {
  it('drops masterKey and state, resolves apiKeyEnv from this environment, keeps the rest', () => {
    const out = workerConfig(base(), { B_KEY: 'sk-b' });
    expect(out.config.masterKey).toBeUndefined();
    expect(out.config.state).toBeUndefined();
    expect(out.config.providers[1]).toMatchObject({ id: 'b', apiKey: 'sk-b' });
    expect(out.config.providers[1]!.apiKeyEnv).toBeUndefined();
    expect((out.config as any).unknownField).toEqual({ kept: true });
    expect(out.providers).toEqual(['a', 'b', 'ollama']);
  });

  it('warns about an unset apiKeyEnv and a local base URL (not for disabled providers)', () => {
    const out = workerConfig(base(), {});
    expect(out.warnings).toEqual([
      expect.stringMatching(/provider b: \$B_KEY is not set here/),
      expect.stringMatching(/provider ollama: http:\/\/localhost:11434\/v1 is a local address/),
    ]);
  });

  it('refuses a config without an enabled provider', () => {
    const config = base();
    config.providers = config.providers.map((p) => ({ ...p, enabled: false }));
    expect(() => workerConfig(config, {})).toThrow(/no enabled provider/);
  });

  it('seals with a fresh key each time into an ES module whose default export opens with it', async () => {
    const { config } = workerConfig(base(), { B_KEY: 'sk-b' });
    const one = await sealWorkerConfig(config);
    const two = await sealWorkerConfig(config);
    expect(one.key).not.toBe(two.key);
    expect(one.module).toBe(`export default ${JSON.stringify(one.sealed)};\n`);
    expect(one.module).not.toContain('sk-a');
    expect(JSON.parse(await openSealed(one.sealed, one.key))).toEqual(JSON.parse(JSON.stringify(config)));
  });
});
