/**
 * The config schema (version 2, the seed's format): the single source of truth for the
 * shape of `~/.llm-router.json`. Objects are loose, so fields we do not know survive a
 * round trip. Cross-references (refs, cycles, duplicate ids) are checked in
 * `validate-config.ts`; alternate key spellings are folded in `normalize-config.ts`
 * before this schema sees the data.
 */
import { z } from 'zod';

export const CURRENT_CONFIG_VERSION = 2;
export const FORMATS = ['openai', 'claude'] as const;
export const STRATEGIES = ['auto', 'ordered', 'round-robin', 'weighted-rr', 'quota-aware-weighted-rr'] as const;
export const WINDOW_UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month'] as const;
export const AUTH_TYPES = ['bearer', 'x-api-key', 'header', 'none'] as const;
export const DEFAULT_STRATEGY = 'ordered';

export const STRATEGY_DESCRIPTIONS: Record<Strategy, string> = {
  auto: 'weighted, and prefers targets with quota left that are neither cooling down nor slow',
  ordered: 'always the first available target, the rest in order on failure',
  'round-robin': 'rotates evenly through the targets',
  'weighted-rr': 'interleaved rotation in proportion to the weights',
  'quota-aware-weighted-rr': 'weights scaled by each target\'s remaining rate-limit capacity',
};

export type Format = (typeof FORMATS)[number];
export type Strategy = (typeof STRATEGIES)[number];
export type WindowUnit = (typeof WINDOW_UNITS)[number];
export type AuthType = (typeof AUTH_TYPES)[number];

const enumError = (values: readonly string[]) => (issue: { input?: unknown }) =>
  `must be one of ${values.join(', ')} (got ${JSON.stringify(issue.input)})`;

const metadata = z.record(z.string(), z.unknown());

export const httpUrlSchema = z.string().refine(isHttpUrl, {
  error: (issue) => `must be an http(s) URL (got ${JSON.stringify(issue.input)})`,
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
  z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).positive(`${what} must be greater than 0`);

export const authSchema = z
  .looseObject({
    type: z.enum(AUTH_TYPES, { error: enumError(AUTH_TYPES) }),
    headerName: z.string().min(1).optional(),
    prefix: z.string().optional(),
  })
  .refine((auth) => auth.type !== 'header' || auth.headerName !== undefined, {
    error: 'auth type "header" needs a headerName',
    path: ['headerName'],
  });

export const modelSchema = z.looseObject({
  id: z.string().min(1, 'model id must not be empty'),
  aliases: z.array(z.string().min(1)).optional(),
  formats: z.array(formatSchema).optional(),
  enabled: z.boolean().optional(),
  contextWindow: positiveInt('contextWindow').optional(),
  fallbackModels: z.array(z.string().min(1)).optional(),
  metadata: metadata.optional(),
});

export const windowSchema = z.looseObject({
  unit: windowUnitSchema,
  size: positiveInt('window size'),
});

export const bucketSchema = z.looseObject({
  id: z.string().min(1, 'bucket id must not be empty'),
  name: z.string().optional(),
  models: z.array(z.string().min(1)).min(1, 'a bucket needs "all" or at least one model'),
  requests: positiveInt('requests'),
  window: windowSchema,
  metadata: metadata.optional(),
});

const byFormat = <T extends z.ZodType>(value: T) =>
  z.looseObject({ openai: value.optional(), claude: value.optional() });

export const providerSchema = z.looseObject({
  id: z.string().min(1, 'provider id must not be empty'),
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  baseUrl: httpUrlSchema.optional(),
  baseUrlByFormat: byFormat(httpUrlSchema).optional(),
  apiKey: z.string().optional(),
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional(),
  format: formatSchema.optional(),
  formats: z.array(formatSchema).optional(),
  auth: authSchema.nullable().optional(),
  authByFormat: byFormat(authSchema).optional(),
  headers: z.record(z.string(), z.string({ error: 'header values must be strings' })).optional(),
  anthropicVersion: z.string().min(1).optional(),
  anthropicBeta: z.union([z.string(), z.array(z.string())]).optional(),
  models: z.array(modelSchema),
  rateLimits: z.array(bucketSchema).optional(),
  metadata: metadata.optional(),
});

export const targetSchema = z.looseObject({
  ref: z.string().min(1, 'target ref must not be empty'),
  weight: z.number().positive('weight must be greater than 0').finite().optional(),
  metadata: metadata.optional(),
});

export const aliasSchema = z.looseObject({
  id: z.string().optional(),
  strategy: strategySchema.optional(),
  targets: z.array(targetSchema).min(1, 'an alias needs at least one target'),
  fallbackTargets: z.array(targetSchema).optional(),
  metadata: metadata.optional(),
});

export const configSchema = z.looseObject({
  version: positiveInt('version'),
  masterKey: z.string().min(1, 'masterKey must not be empty').optional(),
  defaultModel: z.string().min(1).optional(),
  metadata: metadata.optional(),
  providers: z.array(providerSchema),
  modelAliases: z.record(z.string(), aliasSchema).optional(),
});

export type Auth = z.infer<typeof authSchema>;
export type Model = z.infer<typeof modelSchema>;
export type RateLimitWindow = z.infer<typeof windowSchema>;
export type Bucket = z.infer<typeof bucketSchema>;
export type Provider = z.infer<typeof providerSchema>;
export type AliasTarget = z.infer<typeof targetSchema>;
export type ModelAlias = z.infer<typeof aliasSchema>;
export type Config = z.infer<typeof configSchema>;

export function emptyConfig(): Config {
  return { version: CURRENT_CONFIG_VERSION, providers: [], modelAliases: {} };
}
