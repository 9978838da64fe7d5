/** The upsert-provider operation with what the probe or a preset fills in (pure; no network). */
import { describe, expect, it } from 'vitest';
import { parseOperationInput } from '../../src/config/operations/execute.js';
import { upsertProvider } from '../../src/config/operations/upsert-provider.js';
import { checkConfig } from '../../src/config/parse-config.js';
import { emptyConfig } from '../../src/config/schema.js';

const ctx = { now: new Date('2026-12-01T00:00:00Z'), randomBytes: (n: number) => new Uint8Array(n), configPath: '/h/.llm-router.json', configExists: false };
const run = (input: Record<string, unknown>) => {
  const outcome = upsertProvider.run(emptyConfig(), parseOperationInput(upsertProvider, input), ctx);
  return checkConfig(outcome.config!, (issues) => new Error(JSON.stringify(issues)));
};

describe('upsert-provider input from a preset or the probe', () => {
  it('a preset with --skip-probe saves its id, name, URLs per format and formats', () => {
    const config = run({ preset: 'zai', apiKey: 'k', models: ['glm-4.6'], skipProbe: true });
    expect(config.providers[0]).toMatchObject({
      id: 'zai',
      name: 'Z.ai (GLM)',
      baseUrlByFormat: { openai: 'https://api.z.ai/api/paas/v4', claude: 'https://api.z.ai/api/anthropic' },
      format: 'openai',
      formats: ['openai', 'claude'],
      models: [{ id: 'glm-4.6' }],
    });
  });

  it('stores each confirmed model its working format and a non-default auth style', () => {
    const config = run({
      providerId: 'p',
      baseUrl: 'https://x.test/v1',
      formats: ['openai', 'claude'],
      format: 'openai',
      models: ['a', 'b'],
      modelFormats: { a: ['openai'], b: ['claude'] },
      authByFormat: { claude: { type: 'bearer' } },
      probed: true,
    });
    expect(config.providers[0]).toMatchObject({
      authByFormat: { claude: { type: 'bearer' } },
      models: [
        { id: 'a', formats: ['openai'] },
        { id: 'b', formats: ['claude'] },
      ],
    });
  });

  it('refuses --models=all and globs without the probe, which is what expands them', () => {
    expect(() => run({ providerId: 'p', baseUrl: 'https://x.test/v1', models: ['claude-*'], skipProbe: true })).toThrow(/needs the probe: drop --skip-probe/);
    expect(() => run({ providerId: 'p', baseUrl: 'https://x.test/v1', models: ['all'], skipProbe: true })).toThrow(/--models=all/);
  });
});
