/**
 * Add or edit a provider. Adding starts from a preset (or "Other" and a base URL), asks for
 * the key, then either probes the provider (the screen then offers the models it lists)
 * or takes the format and models as typed. Editing keeps the typed path.
 */
import { maskSecret, maskUrl } from '../../config/mask.js';
import { upsertProvider } from '../../config/operations/upsert-provider.js';
import { PRESETS, findPreset } from '../../config/presets.js';
import type { Provider } from '../../config/schema.js';
import { slugify } from '../../config/slug.js';
import type { Step, Values, WizardSpec } from '../state/wizard.js';
import { required, str } from './refs.js';
import type { Save } from './save.js';

const OTHER = 'other';

function validUrl(value: string | string[]): string | undefined {
  if (typeof value !== 'string' || value === '') return 'the base URL is required';
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'the base URL must start with http:// or https://';
  } catch {
    return `"${value}" is not a URL (e.g. https://api.openai.com/v1)`;
  }
}

export function providerInitialValues(provider: Provider | undefined): Values {
  if (!provider) return {};
  const baseUrl = String(provider.baseUrl ?? Object.values(provider.baseUrlByFormat ?? {})[0] ?? '');
  return {
    name: provider.name ?? provider.id,
    providerId: provider.id,
    format: String(provider.format ?? provider.formats?.[0] ?? 'openai'),
    baseUrl,
    keySource: 'keep',
    models: provider.models.map((m) => m.id).join(', '),
  };
}

const presetStep: Step = {
  key: 'preset',
  label: 'Provider',
  hint: 'A preset fills the base URLs and formats; "Other" takes any compatible URL',
  kind: 'select',
  options: [
    ...PRESETS.map((p) => ({ label: p.name, value: p.id, description: Object.values(p.baseUrls).join('  ') })),
    { label: 'Other (enter a base URL)', value: OTHER, description: 'any OpenAI Chat, Anthropic Messages or OpenAI Responses endpoint' },
  ],
};

const probeStep: Step = {
  key: 'probe',
  label: 'Probe the provider now?',
  kind: 'select',
  options: [
    { label: 'Probe it: find formats, auth style and models; confirm each model chosen (1 token each)', value: 'probe' },
    { label: 'Skip the probe: type the format and models yourself', value: 'skip' },
  ],
};

const formatStep: Step = {
  key: 'format',
  label: 'API format the provider speaks',
  kind: 'select',
  options: [
    { label: 'OpenAI Chat Completions', value: 'openai', description: 'POST {base}/chat/completions: OpenAI, OpenRouter, Groq, vLLM, Ollama, most others' },
    { label: 'Anthropic Messages (claude)', value: 'claude', description: 'POST {base}/messages: Anthropic and Anthropic-compatible endpoints' },
    { label: 'OpenAI Responses', value: 'responses', description: 'POST {base}/responses: OpenAI models served only there (codex, pro)' },
  ],
};

const baseUrlStep: Step = {
  key: 'baseUrl',
  label: 'Base URL',
  hint: 'e.g. https://api.openai.com/v1 or https://api.anthropic.com',
  kind: 'text',
  validate: validUrl,
};
const modelsStep: Step = {
  key: 'models',
  label: 'Models',
  hint: 'Comma-separated model ids, e.g. gpt-4.1, gpt-4.1-mini',
  kind: 'text',
  validate: required('at least one model'),
};

function keySteps(values: Values, currentKey: string | undefined, existing: boolean, needsKey: boolean): Step[] {
  const options = [
    ...(currentKey ? [{ label: `Keep ${currentKey}`, value: 'keep' }] : []),
    ...(needsKey ? [] : [{ label: 'No key (local server)', value: 'none' }]),
    { label: 'Type the key (stored in the config file, mode 0600)', value: 'key' },
    { label: 'Read it from an environment variable', value: 'env' },
    ...(existing || !needsKey ? [] : [{ label: 'No key', value: 'none' }]),
  ];
  return [
    { key: 'keySource', label: 'API key', kind: 'select', options },
    ...(values.keySource === 'key' ? [{ key: 'apiKey', label: 'API key (hidden as you type)', kind: 'secret' as const, validate: required('the key') }] : []),
    ...(values.keySource === 'env'
      ? [
          {
            key: 'apiKeyEnv',
            label: 'Environment variable name',
            hint: 'e.g. OPENAI_API_KEY',
            kind: 'text' as const,
            validate: (v: string | string[]) =>
              typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? undefined : 'must be a variable name like OPENAI_API_KEY',
          },
        ]
      : []),
  ];
}

/** True when the values ask for a probe before saving (the screen takes over from the wizard). */
export function wantsProbe(values: Values): boolean {
  return values.probe === 'probe';
}

/** The upsert-provider input the values describe (models only when typed). */
export function providerInput(values: Values, existing: Provider | undefined): Record<string, unknown> {
  const preset = findPreset(str(values.preset));
  const input: Record<string, unknown> = { providerId: existing?.id ?? str(values.providerId), name: str(values.name) };
  if (preset && !existing) input.preset = preset.id;
  if (values.baseUrl) input.baseUrl = str(values.baseUrl);
  if (values.format) input.format = str(values.format);
  if (!wantsProbe(values)) {
    input.models = splitModels(str(values.models));
    input.skipProbe = true;
  }
  if (values.keySource === 'key') input.apiKey = str(values.apiKey);
  if (values.keySource === 'env') input.apiKeyEnv = str(values.apiKeyEnv);
  return input;
}

export function providerForm(existing: Provider | undefined, save: Save): WizardSpec {
  const currentKey = existing?.apiKey
    ? `the current key (${maskSecret(existing.apiKey)})`
    : existing?.apiKeyEnv
      ? `the current variable ($${existing.apiKeyEnv})`
      : undefined;
  return {
    title: existing ? `Edit provider ${existing.id}` : 'Add a provider',
    submitLabel: (values) => (wantsProbe(values) ? 'Probe the provider' : 'Save'),
    steps: (values) => {
      const name: Step = { key: 'name', label: 'Name', hint: 'Shown in listings, e.g. "OpenRouter"', kind: 'text', validate: required('the name') };
      if (existing) return [name, formatStep, baseUrlStep, ...keySteps(values, currentKey, true, true), modelsStep];
      const preset = findPreset(str(values.preset));
      const id: Step = {
        key: 'providerId',
        label: 'Provider id',
        hint: 'Used in model refs (id/model). Letters, digits, ".", "_", "-".',
        kind: 'text',
        initial: preset && str(values.name) === preset.name ? preset.id : slugify(str(values.name)),
        validate: required('the id'),
      };
      const typed = values.probe === 'skip';
      return [
        presetStep,
        { ...name, ...(preset ? { initial: preset.name } : {}) },
        id,
        ...(preset ? [] : [baseUrlStep]),
        ...keySteps(values, undefined, false, preset?.needsKey ?? true),
        probeStep,
        ...(typed && !preset ? [formatStep] : []),
        ...(typed ? [modelsStep] : []),
      ];
    },
    review: (values) => {
      const preset = existing ? undefined : findPreset(str(values.preset));
      return [
        ...(preset ? [`Preset:   ${preset.name}`] : []),
        `Name:     ${str(values.name)}`,
        `Id:       ${existing?.id ?? str(values.providerId)}`,
        ...(values.format ? [`Format:   ${str(values.format)}`] : []),
        `Base URL: ${values.baseUrl ? maskUrl(str(values.baseUrl)) : Object.values(preset?.baseUrls ?? {}).join(', ')}`,
        `API key:  ${keySummary(values, currentKey)}`,
        wantsProbe(values) ? 'Models:   chosen from what the provider lists, after the probe' : `Models:   ${splitModels(str(values.models)).join(', ')}`,
      ];
    },
    submit: async (values) => (wantsProbe(values) ? [] : save(upsertProvider, providerInput(values, existing))),
  };
}

export function splitModels(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((m) => m.trim())
    .filter((m) => m !== '');
}

function keySummary(values: Values, currentKey: string | undefined): string {
  if (values.keySource === 'key') return maskSecret(str(values.apiKey)) ?? 'none';
  if (values.keySource === 'env') return `from $${str(values.apiKeyEnv)}`;
  if (values.keySource === 'keep') return currentKey ?? 'unchanged';
  return 'none';
}
