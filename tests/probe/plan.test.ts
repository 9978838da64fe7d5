import { describe, expect, it } from 'vitest';
import { PRESETS, expandPreset, findPreset, type PresetFields } from '../../src/config/presets.js';
import { isHttpUrl } from '../../src/config/schema.js';
import { pathScore, planCandidates } from '../../src/probe/plan-candidates.js';

describe('presets', () => {
  it('cover the providers people use, each with a URL per format it lists', () => {
    const ids = PRESETS.map((p) => p.id);
    for (const id of [
      'openrouter',
      'anthropic',
      'openai',
      'deepseek',
      'groq',
      'mistral',
      'zai',
      'moonshot',
      'gemini',
      'ollama',
      'lmstudio',
      'llamacpp',
      'vllm',
    ]) {
      expect(ids).toContain(id);
    }
    for (const preset of PRESETS) {
      expect(Object.keys(preset.baseUrls).length).toBeGreaterThan(0);
      for (const url of Object.values(preset.baseUrls)) expect(isHttpUrl(url)).toBe(true);
    }
    expect(PRESETS.filter((p) => !p.needsKey).map((p) => p.id)).toEqual(['ollama', 'lmstudio', 'llamacpp', 'vllm']);
    expect(findPreset('OpenRouter')?.id).toBe('openrouter');
  });

  it('fill id, name, URLs per format and formats; explicit flags win', () => {
    expect(expandPreset({ preset: 'deepseek' })).toEqual({
      preset: 'deepseek',
      providerId: 'deepseek',
      name: 'DeepSeek',
      openaiBaseUrl: 'https://api.deepseek.com/v1',
      claudeBaseUrl: 'https://api.deepseek.com/anthropic',
      formats: ['openai', 'claude'],
      format: 'openai',
    });
    expect(expandPreset({ preset: 'anthropic', providerId: 'work', baseUrl: 'http://127.0.0.1:1' })).toEqual({
      preset: 'anthropic',
      providerId: 'work',
      baseUrl: 'http://127.0.0.1:1',
      formats: ['claude'],
      format: 'claude',
    });
    expect(() => expandPreset({ preset: 'nope' })).toThrow(/unknown preset "nope"; presets: openrouter/);
  });
});

describe('planCandidates', () => {
  it('tries every format at one base URL when none is named; only the named ones otherwise', () => {
    expect(planCandidates({ baseUrl: 'https://x.test/v1' }, undefined)).toEqual({
      candidates: ['openai', 'claude', 'responses'].map((format) => ({ format, baseUrls: ['https://x.test/v1'] })),
      expected: [],
    });
    const named = planCandidates({ baseUrl: 'https://x.test/v1', formats: ['claude'], format: 'claude' }, undefined);
    expect(named).toEqual({ candidates: [{ format: 'claude', baseUrls: ['https://x.test/v1'] }], expected: ['claude'] });
  });

  it('orders several endpoints by how likely their path serves each format', () => {
    const plan = planCandidates({ endpoints: ['https://x.test/openai/v1', 'https://x.test/anthropic'] }, undefined);
    expect(plan.candidates.find((c) => c.format === 'claude')?.baseUrls).toEqual(['https://x.test/anthropic', 'https://x.test/openai/v1']);
    expect(plan.candidates.find((c) => c.format === 'openai')?.baseUrls).toEqual(['https://x.test/openai/v1', 'https://x.test/anthropic']);
    expect(pathScore('claude', 'https://api.anthropic.com')).toBeGreaterThan(pathScore('claude', 'https://x.test/v1'));
  });

  it('expects only what the user named, not what a preset guessed', () => {
    expect(planCandidates(expandPreset<PresetFields>({ preset: 'deepseek' }), undefined, {}).expected).toEqual([]);
    const explicit = { claudeBaseUrl: 'https://x.test/anthropic' };
    expect(planCandidates(explicit, undefined).expected).toEqual(['claude']);
  });

  it('probes a saved provider as saved, with its auth style first', () => {
    const existing = {
      id: 'p',
      models: [{ id: 'm' }],
      format: 'openai' as const,
      baseUrl: 'https://x.test/v1',
      baseUrlByFormat: { claude: 'https://x.test/anthropic' },
      authByFormat: { openai: { type: 'x-api-key' as const } },
    };
    expect(planCandidates({}, existing)).toEqual({
      candidates: [
        { format: 'openai', baseUrls: ['https://x.test/v1'], auth: 'x-api-key' },
        { format: 'claude', baseUrls: ['https://x.test/anthropic'] },
      ],
      expected: ['openai', 'claude'],
    });
  });
});
