/**
 * The config schema (version 2, the seed's format): the single source of truth for the
 * shape of `~/.llm-router.json`. Objects are loose, so fields we do not know survive a
 * round trip. Cross-references (refs, cycles, duplicate ids) are checked in
 * `validate-config.ts`; alternate key spellings are folded in `normalize-config.ts`
 * before this schema sees the data.
 */
import { z } from 'zod';
import { hasUrlCredentials, maskUrl } from './mask.js';

export const CURRENT_CONFIG_VERSION = 2;
/** Provider wire formats: OpenAI Chat Completions, Anthropic Messages, OpenAI Responses. */
export const FORMATS = ['openai', 'claude', 'responses'] as const;
export const STRATEGIES = ['auto', 'ordered', 'round-robin', 'weighted-rr', 'quota-aware-weighted-rr'] as const;
export const WINDOW_UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month'] as const;
export const AUTH_TYPES = ['bearer', 'x-api-key', 'header', 'none'] as const;
export const DEFAULT_STRATEGY = 'ordered';

export const STRATEGY_DESCRIPTIONS: Record<Strategy, string> = {
  auto: 'weighted, and prefers targets with quota left that are neither cooling down nor slow',
  ordered: 'always the first available target, the rest in order on failure',
  'round-robin': 'rotates evenly through the targets',
  'weighted-rr': 'interleaved rotation in proportion to the weights',
  'quota-aware-weighted-rr': "weights scaled by each target's remaining rate-limit capacity",
};

export type Format = (typeof FORMATS)[number];
export type Strategy = (typeof STRATEGIES)[number];
export type WindowUnit = (typeof WINDOW_UNITS)[number];
export type AuthType = (typeof AUTH_TYPES)[number];

const enumError = (values: readonly string[]) => (issue: { input?: unknown }) => `must be one of ${values.join(', ')} (got ${JSON.stringify(issue.input)})`;

const metadata = z.record(z.string(), z.unknown());

export const httpUrlSchema = z
  .string()
  .refine(isHttpUrl, { error: (issue) => `must be an http(s) URL (got ${JSON.stringify(maskUrl(String(issue.input)))})` })
  .refine((url) => !hasUrlCredentials(url), {
    error:
      'must not contain a user name or password ("user:pass@host"): they would be shown in listings and are never sent upstream; ' +
      'put the key in apiKey, or a "Basic ..." value in headers.authorization',
  });

export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
}

export const formatSchema = z.enum(FORMATS, { error: enumError(FORMATS) });
export const strategySchema = z.enum(STRATEGIES, { error: enumError(STRATEGIES) });
export const windowUnitSchema = z.enum(WINDOW_UNITS, { error: enumError(WINDOW_UNITS) });

const positiveInt = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .positive(`${what} must be greater than 0`);

export const authSchema = z
  .looseObject({
    type: z.enum(AUTH_TYPES, { error: enumError(AUTH_TYPES) }),
    headerName: z.string().min(1).optional().describe('header to send the key in (type "header")'),
    prefix: z.string().optional().describe('text before the key, e.g. "Bearer "'),
  })
  .refine((auth) => auth.type !== 'header' || auth.headerName !== undefined, {
    error: 'auth type "header" needs a headerName',
    path: ['headerName'],
  });

const price = (what: string) => z.number().min(0, `${what} must be >= 0`).max(100_000).optional().describe(`USD per million ${what} tokens`);

export const pricingSchema = z.looseObject({
  input: price('input (uncached)'),
  output: price('output'),
  cacheRead: price('cache-read input'),
  cacheWrite: price('cache-write input'),
});

export const modelSchema = z.looseObject({
  id: z.string().min(1, 'model id must not be empty').describe('model id as the provider knows it; routed as provider/id'),
  aliases: z.array(z.string().min(1)).optional().describe('other names that also route here as provider/<alias>'),
  formats: z.array(formatSchema).optional().describe("wire formats this model accepts (default: the provider's)"),
  enabled: z.boolean().optional().describe('false keeps the model in the file but out of routing'),
  contextWindow: positiveInt('contextWindow').optional().describe('context window in tokens'),
  fallbackModels: z.array(z.string().min(1)).optional().describe('provider/model refs tried in order when this model fails'),
  pricing: pricingSchema.optional().describe('prices in USD per million tokens, for the cost in the request log, `usage` and /metrics'),
  metadata: metadata.optional(),
});

/** The longest window is one year (so window ends and Retry-After stay finite): the largest size per unit. */
export const MAX_WINDOW_SIZE: Record<WindowUnit, number> = { second: 31_622_400, minute: 527_040, hour: 8_784, day: 366, week: 53, month: 12 };

/** Why a window size is out of bounds for its unit, or undefined when it is fine. */
export function windowSizeProblem(unit: WindowUnit, size: number): string | undefined {
  if (!Number.isSafeInteger(size) || size < 1) return 'window size must be a whole number greater than 0';
  const max = MAX_WINDOW_SIZE[unit];
  return size > max ? `a window spans at most one year: ${unit} size must be at most ${max} (got ${size})` : undefined;
}

export const windowSchema = z
  .looseObject({
    unit: windowUnitSchema.describe('window unit; windows are fixed and UTC-aligned'),
    size: positiveInt('window size').describe(
      'number of units per window, e.g. 6 for six hours (at most one year: 12 months, 53 weeks, 366 days, 8784 hours, ...)',
    ),
  })
  .superRefine((window, ctx) => {
    const problem = windowSizeProblem(window.unit, window.size);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['size'] });
  });

export const bucketSchema = z.looseObject({
  id: z.string().min(1, 'bucket id must not be empty').describe('stable id, unique within the provider'),
  name: z.string().optional().describe('display name'),
  models: z
    .array(z.string().min(1))
    .min(1, 'a bucket needs "all" or at least one model')
    .describe('["all"] or the model ids the cap covers (they share one counter)'),
  requests: positiveInt('requests').describe('requests allowed per window'),
  window: windowSchema,
  metadata: metadata.optional(),
});

const byFormat = <T extends z.ZodType>(value: T) => z.looseObject({ openai: value.optional(), claude: value.optional(), responses: value.optional() });

export const providerSchema = z.looseObject({
  id: z.string().min(1, 'provider id must not be empty').describe('provider id (case kept); the part before "/" in route refs'),
  name: z.string().optional().describe('friendly name, unique'),
  enabled: z.boolean().optional().describe('false keeps the provider in the file but out of routing'),
  baseUrl: httpUrlSchema.optional().describe('API base URL; /chat/completions, /messages or /responses is appended per format'),
  baseUrlByFormat: byFormat(httpUrlSchema).optional().describe('a different base URL per wire format'),
  apiKey: z.string().optional().describe('API key (secret: masked in every listing)'),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .optional()
    .describe('read the API key from this environment variable instead'),
  format: formatSchema.optional().describe('preferred wire format'),
  formats: z.array(formatSchema).optional().describe('every wire format the provider speaks'),
  auth: authSchema.nullable().optional().describe('how the key is sent (default: Bearer for openai, x-api-key for claude)'),
  authByFormat: byFormat(authSchema).optional().describe('auth per wire format'),
  headers: z
    .record(z.string(), z.string({ error: 'header values must be strings' }))
    .optional()
    .describe('extra upstream headers (no CR/LF, no hop-by-hop names)'),
  anthropicVersion: z.string().min(1).optional().describe('anthropic-version header (default 2023-06-01)'),
  anthropicBeta: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe("anthropic-beta values, merged with the client's"),
  models: z.array(modelSchema).describe('models; an enabled provider needs at least one'),
  rateLimits: z.array(bucketSchema).optional().describe('rate-limit buckets; a model is routable only while every bucket covering it has room'),
  metadata: metadata.optional(),
});

export const targetSchema = z.looseObject({
  ref: z.string().min(1, 'target ref must not be empty').describe('provider/model or an alias id'),
  weight: z.number().positive('weight must be greater than 0').finite().optional().describe('relative weight for weighted strategies (default 1)'),
  metadata: metadata.optional(),
});

export const aliasSchema = z.looseObject({
  id: z.string().optional(),
  strategy: strategySchema.optional().describe('load-balancing strategy (default ordered)'),
  targets: z.array(targetSchema).min(1, 'an alias needs at least one target').describe('primary tier'),
  fallbackTargets: z.array(targetSchema).optional().describe('second tier: used only when every primary target is unavailable'),
  metadata: metadata.optional(),
});

export const gatewaySettingsSchema = z.looseObject({
  corsAllowedOrigins: z
    .array(z.string().min(1))
    .optional()
    .describe('browser origins allowed to call the gateway ("*" for any); merged with LLM_ROUTER_CORS_ALLOWED_ORIGINS'),
  allowedIps: z.array(z.string().min(1)).optional().describe('client addresses allowed to call the gateway ("*" for any); merged with LLM_ROUTER_ALLOWED_IPS'),
  allowedHosts: z
    .array(z.string().min(1))
    .optional()
    .describe(
      'Host header names accepted on a loopback connection besides localhost and loopback addresses (".example.test" allows subdomains, ' +
        '"*" any); merged with LLM_ROUTER_ALLOWED_HOSTS',
    ),
});

export const stateSettingsSchema = z.looseObject({
  backend: z
    .enum(['file', 'redis'])
    .optional()
    .describe('where routing state lives: "file" (~/.llm-router/state.json, the default) or "redis" (shared by instances)'),
  url: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional()
    .describe('Redis URL for backend "redis" (a password in it is masked in every output); LLM_ROUTER_STATE_URL overrides it'),
  keyPrefix: z.string().min(1).max(64).optional().describe('prefix of every Redis key (default "llmr:")'),
  namespace: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"')
    .optional()
    .describe('which instances share state (default: derived from the master key and the providers, so one team shares and two teams do not)'),
  failMode: z
    .enum(['open', 'closed'])
    .optional()
    .describe('capped buckets while Redis is unreachable: "open" (default) counts locally, "closed" refuses with 429'),
  timeoutMs: z.number().int().min(5).max(5_000).optional().describe('longest wait for one Redis command before serving on local state (default 50)'),
});

export const configSchema = z.looseObject({
  version: positiveInt('version').describe('schema version (2; files without it are version 1)'),
  masterKey: z.string().min(1, 'masterKey must not be empty').optional().describe('gateway key clients must send (secret: masked in every listing)'),
  defaultModel: z.string().min(1).optional().describe('route used when a request names no model (provider/model or alias)'),
  metadata: metadata.optional(),
  providers: z.array(providerSchema).describe('upstream providers'),
  modelAliases: z.record(z.string(), aliasSchema).optional().describe('aliases by id: a strategy over weighted targets'),
  gateway: gatewaySettingsSchema.optional().describe('network settings of the local gateway'),
  state: stateSettingsSchema.optional().describe('routing state backend (cursors, health, bucket counters)'),
});

export type Auth = z.infer<typeof authSchema>;
export type Model = z.infer<typeof modelSchema>;
export type Pricing = z.infer<typeof pricingSchema>;
export type RateLimitWindow = z.infer<typeof windowSchema>;
export type Bucket = z.infer<typeof bucketSchema>;
export type Provider = z.infer<typeof providerSchema>;
export type AliasTarget = z.infer<typeof targetSchema>;
export type ModelAlias = z.infer<typeof aliasSchema>;
export type Config = z.infer<typeof configSchema>;
export type GatewaySettings = z.infer<typeof gatewaySettingsSchema>;
export type StateSettings = z.infer<typeof stateSettingsSchema>;

export function emptyConfig(): Config {
  return { version: CURRENT_CONFIG_VERSION, providers: [], modelAliases: {} };
}
