/**
 * Provider presets: the base URLs per wire format of the providers people use, so adding
 * one needs only a key. Data only; to add a provider, add an entry. The URLs are the
 * providers' public API bases as documented by them; none is checked live by our tests
 * (the probe confirms what actually answers when a provider is added).
 */
import { RouterError } from '../errors/router-error.js';
import type { Format } from './schema.js';

export interface Preset {
  id: string;
  name: string;
  /** Base URL per wire format, preferred format first. */
  baseUrls: Partial<Record<Format, string>>;
  /** False for local servers that take no key. */
  needsKey: boolean;
  /** The environment variable people usually keep this key in (a hint for --api-key-env). */
  keyEnv?: string;
  note?: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'openrouter',
    name: 'OpenRouter',
    baseUrls: { openai: 'https://openrouter.ai/api/v1', claude: 'https://openrouter.ai/api' },
    needsKey: true,
    keyEnv: 'OPENROUTER_API_KEY',
    note: 'model ids look like anthropic/claude-sonnet-4',
  },
  { id: 'anthropic', name: 'Anthropic', baseUrls: { claude: 'https://api.anthropic.com' }, needsKey: true, keyEnv: 'ANTHROPIC_API_KEY' },
  {
    id: 'openai',
    name: 'OpenAI',
    baseUrls: { openai: 'https://api.openai.com/v1', responses: 'https://api.openai.com/v1' },
    needsKey: true,
    keyEnv: 'OPENAI_API_KEY',
  },
  {
    id: 'deepseek',
    name: 'DeepSeek',
    baseUrls: { openai: 'https://api.deepseek.com/v1', claude: 'https://api.deepseek.com/anthropic' },
    needsKey: true,
    keyEnv: 'DEEPSEEK_API_KEY',
  },
  { id: 'groq', name: 'Groq', baseUrls: { openai: 'https://api.groq.com/openai/v1' }, needsKey: true, keyEnv: 'GROQ_API_KEY' },
  { id: 'mistral', name: 'Mistral', baseUrls: { openai: 'https://api.mistral.ai/v1' }, needsKey: true, keyEnv: 'MISTRAL_API_KEY' },
  {
    id: 'zai',
    name: 'Z.ai (GLM)',
    baseUrls: { openai: 'https://api.z.ai/api/paas/v4', claude: 'https://api.z.ai/api/anthropic' },
    needsKey: true,
    keyEnv: 'ZAI_API_KEY',
  },
  {
    id: 'moonshot',
    name: 'Moonshot (Kimi)',
    baseUrls: { openai: 'https://api.moonshot.ai/v1', claude: 'https://api.moonshot.ai/anthropic' },
    needsKey: true,
    keyEnv: 'MOONSHOT_API_KEY',
  },
  {
    id: 'gemini',
    name: 'Google Gemini (OpenAI-compatible)',
    // Not under /vN, so the full call URL is given (URL joining keeps a base ending in /chat/completions).
    baseUrls: { openai: 'https://generativelanguage.googleapis.com/v1beta/openai/chat/completions' },
    needsKey: true,
    keyEnv: 'GEMINI_API_KEY',
    note: 'model ids look like gemini-2.5-flash',
  },
  { id: 'ollama', name: 'Ollama (local)', baseUrls: { openai: 'http://127.0.0.1:11434/v1' }, needsKey: false },
  { id: 'lmstudio', name: 'LM Studio (local)', baseUrls: { openai: 'http://127.0.0.1:1234/v1' }, needsKey: false },
  { id: 'llamacpp', name: 'llama.cpp server (local)', baseUrls: { openai: 'http://127.0.0.1:8080/v1' }, needsKey: false },
  { id: 'vllm', name: 'vLLM (local)', baseUrls: { openai: 'http://127.0.0.1:8000/v1' }, needsKey: false },
];

export function findPreset(id: string): Preset | undefined {
  const lower = id.trim().toLowerCase();
  return PRESETS.find((p) => p.id === lower || p.name.toLowerCase() === lower);
}

export function presetFormats(preset: Preset): Format[] {
  return Object.keys(preset.baseUrls) as Format[];
}

export function unknownPresetMessage(id: string): string {
  return `unknown preset "${id}"; presets: ${PRESETS.map((p) => p.id).join(', ')}`;
}

/** Where a provider's endpoints are and which formats they speak, as upsert-provider takes them. */
export interface EndpointFields {
  baseUrl?: string | undefined;
  endpoints?: string[] | undefined;
  openaiBaseUrl?: string | undefined;
  claudeBaseUrl?: string | undefined;
  responsesBaseUrl?: string | undefined;
  format?: Format | undefined;
  formats?: Format[] | undefined;
}

/** The upsert-provider fields a preset fills; flags given explicitly win. */
export interface PresetFields extends EndpointFields {
  preset?: string | undefined;
  providerId?: string | undefined;
  name?: string | undefined;
}

/**
 * Fills what a preset knows: id and name (when neither is given), the base URL per format
 * (unless a URL flag is given: then --base-url serves the preset's formats), the formats.
 */
export function expandPreset<T extends PresetFields>(input: T): T {
  if (!input.preset) return input;
  const preset = findPreset(input.preset);
  if (!preset) throw new RouterError('INVALID_INPUT', unknownPresetMessage(input.preset), { path: 'preset' });
  const out: T = { ...input };
  if (!out.providerId && !out.name) {
    out.providerId = preset.id;
    out.name = preset.name;
  }
  const anyUrl = out.baseUrl || out.endpoints?.length || out.openaiBaseUrl || out.claudeBaseUrl || out.responsesBaseUrl;
  if (!anyUrl) {
    if (preset.baseUrls.openai) out.openaiBaseUrl = preset.baseUrls.openai;
    if (preset.baseUrls.claude) out.claudeBaseUrl = preset.baseUrls.claude;
    if (preset.baseUrls.responses) out.responsesBaseUrl = preset.baseUrls.responses;
  }
  out.formats ??= presetFormats(preset);
  out.format ??= out.formats[0];
  return out;
}
