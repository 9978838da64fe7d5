/** Add or edit a provider: name, id, format, base URL, API key (masked) or env var, models. */
import { maskSecret, maskUrl } from '../../config/mask.js';
import { upsertProvider } from '../../config/operations/upsert-provider.js';
import type { Provider } from '../../config/schema.js';
import { slugify } from '../../config/slug.js';
import type { Values, WizardSpec } from '../state/wizard.js';
import { required, str } from './refs.js';
import type { Save } from './save.js';

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

export function providerForm(existing: Provider | undefined, save: Save): WizardSpec {
  const currentKey = existing?.apiKey
    ? `the current key (${maskSecret(existing.apiKey)})`
    : existing?.apiKeyEnv
      ? `the current variable ($${existing.apiKeyEnv})`
      : undefined;
  return {
    title: existing ? `Edit provider ${existing.id}` : 'Add a provider',
    steps: (values) => [
      { key: 'name', label: 'Name', hint: 'Shown in listings, e.g. "OpenRouter"', kind: 'text', validate: required('the name') },
      ...(existing
        ? []
        : [
            {
              key: 'providerId',
              label: 'Provider id',
              hint: 'Used in model refs (id/model). Letters, digits, ".", "_", "-".',
              kind: 'text' as const,
              initial: slugify(str(values.name)),
              validate: required('the id'),
            },
          ]),
      {
        key: 'format',
        label: 'API format the provider speaks',
        kind: 'select',
        options: [
          {
            label: 'OpenAI Chat Completions',
            value: 'openai',
            description: 'POST {base}/chat/completions: OpenAI, OpenRouter, Groq, vLLM, Ollama, most others',
          },
          { label: 'Anthropic Messages (claude)', value: 'claude', description: 'POST {base}/messages: Anthropic and Anthropic-compatible endpoints' },
          { label: 'OpenAI Responses', value: 'responses', description: 'POST {base}/responses: OpenAI models served only there (codex, pro)' },
        ],
      },
      { key: 'baseUrl', label: 'Base URL', hint: 'e.g. https://api.openai.com/v1 or https://api.anthropic.com', kind: 'text', validate: validUrl },
      {
        key: 'keySource',
        label: 'API key',
        kind: 'select',
        options: [
          ...(currentKey ? [{ label: `Keep ${currentKey}`, value: 'keep' }] : []),
          { label: 'Type the key (stored in the config file, mode 0600)', value: 'key' },
          { label: 'Read it from an environment variable', value: 'env' },
          ...(existing ? [] : [{ label: 'No key', value: 'none' }]),
        ],
      },
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
      { key: 'models', label: 'Models', hint: 'Comma-separated model ids, e.g. gpt-4.1, gpt-4.1-mini', kind: 'text', validate: required('at least one model') },
    ],
    review: (values) => [
      `Name:     ${str(values.name)}`,
      `Id:       ${existing?.id ?? str(values.providerId)}`,
      `Format:   ${str(values.format)}`,
      `Base URL: ${maskUrl(str(values.baseUrl))}`,
      `API key:  ${keySummary(values, currentKey)}`,
      `Models:   ${splitModels(str(values.models)).join(', ')}`,
    ],
    submit: (values) => {
      const input: Record<string, unknown> = {
        providerId: existing?.id ?? str(values.providerId),
        name: str(values.name),
        format: str(values.format),
        baseUrl: str(values.baseUrl),
        models: splitModels(str(values.models)),
        skipProbe: true,
      };
      if (values.keySource === 'key') input.apiKey = str(values.apiKey);
      if (values.keySource === 'env') input.apiKeyEnv = str(values.apiKeyEnv);
      return save(upsertProvider, input);
    },
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
