import { z } from 'zod';
import { RouterError } from '../../errors/router-error.js';
import { maskSecret } from '../mask.js';
import { PRESETS, expandPreset } from '../presets.js';
import { modelRef } from '../refs.js';
import { AUTH_TYPES, FORMATS, formatSchema, httpUrlSchema, type Format, type Model, type Provider } from '../schema.js';
import { slugify } from '../slug.js';
import { providerFormats } from '../validate-config.js';
import { cloneConfig, removeModelRefs, withKeyOrder } from './config-edits.js';
import { defineOperation } from './types.js';

const format = z.preprocess(
  (v) => (typeof v === 'string' && v.toLowerCase() === 'anthropic' ? 'claude' : typeof v === 'string' ? v.toLowerCase() : v),
  formatSchema,
);
const url = z.string().trim().pipe(httpUrlSchema);

const input = z.object({
  providerId: z.string().trim().min(1).optional(),
  name: z.string().trim().min(1).optional(),
  baseUrl: url.optional(),
  endpoints: z.array(url).optional(),
  openaiBaseUrl: url.optional(),
  claudeBaseUrl: url.optional(),
  responsesBaseUrl: url.optional(),
  apiKey: z.string().min(1, 'must not be empty').optional(),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .optional(),
  models: z.array(z.string().trim().min(1)).min(1, 'needs at least one model').optional(),
  format: format.optional(),
  formats: z.array(format).optional(),
  headers: z
    .record(z.string(), z.string({ error: 'header values must be strings' }), { error: 'must be a JSON object of header names to string values' })
    .optional(),
  enabled: z.boolean().optional(),
  skipProbe: z.boolean().optional(),
  probeRpm: z.number().positive().max(6000).optional(),
  probeTimeoutMs: z.number().int().min(100).max(600_000).optional(),
  acceptPartial: z.boolean().optional(),
  jsonProgress: z.boolean().optional(),
  preset: z.string().trim().min(1).optional(),
  masterKey: z.string().min(1).optional(),
  // Filled by the probe (src/probe/prepare-upsert.ts), not by flags:
  modelFormats: z.record(z.string(), z.array(formatSchema)).optional(),
  authByFormat: z.partialRecord(formatSchema, z.object({ type: z.enum(AUTH_TYPES) })).optional(),
  probed: z.boolean().optional(),
});
type Input = z.infer<typeof input>;

function endpointsFor(input: Input, existing: Provider | undefined): Pick<Provider, 'baseUrl' | 'baseUrlByFormat'> {
  const byFormat: NonNullable<Provider['baseUrlByFormat']> = { ...(existing?.baseUrlByFormat ?? {}) };
  if (input.openaiBaseUrl) byFormat.openai = input.openaiBaseUrl;
  if (input.claudeBaseUrl) byFormat.claude = input.claudeBaseUrl;
  if (input.responsesBaseUrl) byFormat.responses = input.responsesBaseUrl;
  let baseUrl = input.baseUrl ?? existing?.baseUrl;
  const endpoints = input.endpoints ?? [];
  if (endpoints.length === 1 && !input.baseUrl) baseUrl = endpoints[0];
  if (endpoints.length > 1) {
    const named = new Set([input.openaiBaseUrl, input.claudeBaseUrl, input.responsesBaseUrl]);
    const unnamed = endpoints.filter((e) => !named.has(e));
    if (unnamed.length > 0) {
      throw new RouterError(
        'INVALID_INPUT',
        `--endpoints lists ${endpoints.length} URLs; say which serves which format with --openai-base-url, ` +
          `--claude-base-url and --responses-base-url (unassigned: ${unnamed.join(', ')})`,
        { path: 'endpoints' },
      );
    }
  }
  const out: Pick<Provider, 'baseUrl' | 'baseUrlByFormat'> = {};
  if (baseUrl) out.baseUrl = baseUrl;
  if (Object.keys(byFormat).length > 0) out.baseUrlByFormat = byFormat;
  return out;
}

function chooseFormat(input: Input, existing: Provider | undefined, byFormat: Provider['baseUrlByFormat']): { format: Format; defaulted: boolean } {
  const explicit = input.format ?? input.formats?.[0] ?? existing?.format ?? existing?.formats?.[0];
  if (explicit) return { format: explicit, defaulted: false };
  const keys = FORMATS.filter((f) => byFormat?.[f]);
  if (keys.length === 1 && keys[0]) return { format: keys[0], defaulted: false };
  return { format: 'openai', defaulted: true };
}

const PRESET_IDS = PRESETS.map((p) => p.id).join(', ');

const PROVIDER_KEY_ORDER = [
  'id',
  'name',
  'enabled',
  'baseUrl',
  'baseUrlByFormat',
  'apiKey',
  'apiKeyEnv',
  'format',
  'formats',
  'authByFormat',
  'headers',
  'models',
  'rateLimits',
] as const;

function mergeModels(ids: readonly string[], existing: readonly Model[], formats: Input['modelFormats']): Model[] {
  return [...new Set(ids)].map((id) => {
    const model: Model = { ...(existing.find((m) => m.id === id) ?? { id }) };
    const working = formats?.[id];
    if (working?.length) model.formats = working;
    return model;
  });
}

export const upsertProvider = defineOperation({
  name: 'upsert-provider',
  aliases: ['add-provider', 'edit-provider'],
  summary: 'Add a provider, or update one (only the fields given change)',
  mutates: true,
  flags: [
    { name: 'provider-id', aliases: ['id'], key: 'providerId', kind: 'string', value: 'ID', description: 'provider id (case kept; default: slug of --name)' },
    { name: 'name', key: 'name', kind: 'string', value: 'NAME', description: 'friendly name (unique)' },
    {
      name: 'base-url',
      aliases: ['baseUrl', 'endpoint'],
      key: 'baseUrl',
      kind: 'string',
      value: 'URL',
      description: 'API base URL, e.g. https://api.openai.com/v1',
    },
    { name: 'endpoints', key: 'endpoints', kind: 'list', value: 'URL,...', description: 'endpoint URLs (one, or one per format with the flags below)' },
    { name: 'openai-base-url', key: 'openaiBaseUrl', kind: 'string', value: 'URL', description: 'base URL for the OpenAI-compatible API' },
    {
      name: 'claude-base-url',
      aliases: ['anthropic-base-url'],
      key: 'claudeBaseUrl',
      kind: 'string',
      value: 'URL',
      description: 'base URL for the Anthropic-compatible API',
    },
    {
      name: 'responses-base-url',
      key: 'responsesBaseUrl',
      kind: 'string',
      value: 'URL',
      description: 'base URL for the OpenAI Responses API (…/v1; /responses is appended)',
    },
    { name: 'api-key', aliases: ['apiKey'], key: 'apiKey', kind: 'string', value: 'KEY', description: 'API key (stored in the config, shown masked)' },
    { name: 'api-key-env', key: 'apiKeyEnv', kind: 'string', value: 'VAR', description: 'read the API key from this environment variable instead' },
    {
      name: 'models',
      key: 'models',
      kind: 'list',
      value: 'a,b',
      description: "model ids, or (probing) all / globs like 'claude-*,gpt-5*' over the provider's list; replaces the list, kept models keep their settings",
    },
    {
      name: 'format',
      key: 'format',
      kind: 'string',
      value: 'openai|claude|responses',
      description: 'preferred wire format (anthropic = claude; default openai)',
    },
    { name: 'formats', key: 'formats', kind: 'list', value: 'openai,claude', description: 'every wire format the provider speaks' },
    { name: 'headers', key: 'headers', kind: 'json', value: 'JSON', description: 'custom upstream headers as a JSON object (replaces the set)' },
    { name: 'enabled', key: 'enabled', kind: 'boolean', value: 'true|false', description: 'enable or disable the provider (it stays in the file)' },
    {
      name: 'preset',
      key: 'preset',
      kind: 'string',
      value: 'NAME',
      description: `fill id, name, base URLs and formats from a preset (${PRESET_IDS}); --base-url replaces its URLs`,
    },
    {
      name: 'skip-probe',
      key: 'skipProbe',
      kind: 'boolean',
      value: 'true',
      description: 'save as given, without probing formats, auth style and models live (the default probes)',
    },
    {
      name: 'probe-rpm',
      aliases: ['probe-requests-per-minute'],
      key: 'probeRpm',
      kind: 'number',
      value: 'N',
      description: 'probe requests per minute (default 30); 429 + Retry-After is waited out and retried',
    },
    { name: 'probe-timeout-ms', key: 'probeTimeoutMs', kind: 'number', value: 'MS', description: 'timeout of each probe request (default 15000)' },
    {
      name: 'accept-partial',
      key: 'acceptPartial',
      kind: 'boolean',
      value: 'true',
      description: 'save the confirmed part when some models or formats failed the probe (default: save nothing, exit 2)',
    },
    { name: 'json-progress', key: 'jsonProgress', kind: 'boolean', value: 'true', description: 'probe progress as one JSON object per line on stderr' },
    { name: 'master-key', aliases: ['set-master-key'], key: 'masterKey', kind: 'string', value: 'KEY', description: 'also set the gateway master key' },
  ],
  input,
  run(config, given) {
    const input = expandPreset(given);
    const pattern = input.models?.find((m) => m === 'all' || /[*?]/.test(m));
    if (pattern !== undefined)
      throw new RouterError('INVALID_INPUT', `--models=${pattern} picks from the provider's live model list, which needs the probe: drop --skip-probe=true`, {
        path: 'models',
      });
    if (input.apiKey && input.apiKeyEnv) throw new RouterError('INVALID_INPUT', 'give --api-key or --api-key-env, not both', { path: 'api-key' });
    const id = input.providerId ?? (input.name ? slugify(input.name) : '');
    if (id === '') throw new RouterError('INVALID_INPUT', '--provider-id or --name is required', { path: 'provider-id' });
    const next = cloneConfig(config);
    const index = next.providers.findIndex((p) => p.id === id);
    const existing = index === -1 ? undefined : next.providers[index];
    const name = input.name ?? existing?.name ?? id;
    const clash = next.providers.find((p) => p.id !== id && (p.name ?? p.id).toLowerCase() === name.toLowerCase());
    if (clash) throw new RouterError('INVALID_INPUT', `name "${name}" is already used by provider "${clash.id}"`, { path: 'name' });
    if (!existing) {
      if (!input.models) throw new RouterError('INVALID_INPUT', `--models is required for a new provider ("${id}")`, { path: 'models' });
      if (!input.baseUrl && !input.endpoints?.length && !input.openaiBaseUrl && !input.claudeBaseUrl && !input.responsesBaseUrl) {
        throw new RouterError(
          'INVALID_INPUT',
          `an endpoint is required for a new provider ("${id}"): --base-url, --endpoints, --openai-base-url, --claude-base-url or --responses-base-url`,
          { path: 'base-url' },
        );
      }
    }
    const urls = endpointsFor(input, existing);
    const { format, defaulted } = chooseFormat(input, existing, urls.baseUrlByFormat);
    const provider: Provider = existing ? { ...existing } : { id, name, models: [], rateLimits: [] };
    provider.name = name;
    if (input.enabled !== undefined) provider.enabled = input.enabled;
    Object.assign(provider, urls);
    if (input.apiKey) {
      provider.apiKey = input.apiKey;
      delete provider.apiKeyEnv;
    }
    if (input.apiKeyEnv) {
      provider.apiKeyEnv = input.apiKeyEnv;
      delete provider.apiKey;
    }
    provider.format = format;
    const formats = new Set<Format>([format, ...(input.formats ?? existing?.formats ?? [])]);
    for (const f of FORMATS) if (urls.baseUrlByFormat?.[f]) formats.add(f);
    provider.formats = [...formats];
    if (input.headers) provider.headers = input.headers;
    const previousModels = existing?.models ?? [];
    if (input.models) provider.models = mergeModels(input.models, previousModels, input.modelFormats);
    if (input.authByFormat && Object.keys(input.authByFormat).length > 0) provider.authByFormat = { ...provider.authByFormat, ...input.authByFormat };
    const dropped = previousModels.filter((m) => !provider.models.some((k) => k.id === m.id)).map((m) => modelRef(id, m.id));
    if (existing) next.providers[index] = provider;
    else next.providers.push(withKeyOrder(provider, PROVIDER_KEY_ORDER));
    const notes = dropped.length > 0 ? removeModelRefs(config, next, new Set(dropped)) : [];
    if (next.defaultModel === undefined && provider.models[0]) {
      next.defaultModel = modelRef(id, provider.models[0].id);
      notes.push(`default model set to ${next.defaultModel}`);
    }
    if (input.masterKey) next.masterKey = input.masterKey;
    const warnings: string[] = [];
    if (!provider.apiKey && !provider.apiKeyEnv && provider.auth?.type !== 'none')
      warnings.push(`provider "${id}" has no API key; requests will be sent without credentials`);
    if (defaulted) warnings.push(`no --format given; using "openai" (pass --format=claude for an Anthropic-compatible API)`);
    if (input.skipProbe) notes.push('not probed (--skip-probe): formats come from --format, --preset and the endpoint flags');
    const action = existing ? 'updated' : 'created';
    const lines = [
      `${action === 'created' ? 'Added' : 'Updated'} provider ${id} (${providerFormats(provider).join(', ')}) ` +
        `with ${provider.models.length} model(s): ${provider.models.map((m) => m.id).join(', ')}`,
      ...(dropped.length > 0 ? [`Removed models: ${dropped.join(', ')}`] : []),
      ...notes.map((n) => `  ${n}`),
    ];
    return {
      config: next,
      data: {
        action,
        providerId: id,
        formats: providerFormats(provider),
        models: provider.models.map((m) => m.id),
        removedModels: dropped,
        apiKey: maskSecret(provider.apiKey) ?? null,
        notes,
      },
      lines,
      warnings,
    };
  },
});
