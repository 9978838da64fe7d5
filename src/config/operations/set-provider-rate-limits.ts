import { z } from 'zod';
import { RouterError } from '../../errors/router-error.js';
import { formatIssue } from '../config-path.js';
import { normalizeBuckets } from '../normalize-config.js';
import { bucketSchema, type Bucket, type Provider } from '../schema.js';
import { slugify, uniqueId } from '../slug.js';
import { describeWindow, parseWindow } from '../window.js';
import { cloneConfig, requireProvider, withKeyOrder } from './config-edits.js';
import { defineOperation, type OperationOutcome } from './types.js';

const input = z.object({
  providerId: z.string({ error: 'is required' }).trim().min(1),
  bucketId: z.string().trim().min(1).optional(),
  bucketName: z.string().trim().min(1).optional(),
  bucketModels: z.array(z.string().trim().min(1)).min(1, 'needs "all" or at least one model').optional(),
  bucketRequests: z.number().int('must be a whole number').positive('must be greater than 0').optional(),
  bucketWindow: z.string().trim().min(1).optional(),
  rateLimits: z.unknown().optional(),
  replaceRateLimits: z.boolean().optional(),
  removeBucket: z.boolean().optional(),
});
type Input = z.infer<typeof input>;

function findBucket(provider: Provider, input: Input): Bucket | undefined {
  const buckets = provider.rateLimits ?? [];
  if (input.bucketId) return buckets.find((b) => b.id === input.bucketId);
  const name = input.bucketName?.toLowerCase();
  return name === undefined ? undefined : buckets.find((b) => (b.name ?? b.id).toLowerCase() === name || b.id === slugify(name));
}

function bulkBuckets(provider: Provider, raw: unknown): Bucket[] {
  const list = Array.isArray(raw) ? raw : [raw];
  const { value, issues } = normalizeBuckets(
    list,
    (provider.rateLimits ?? []).map((b) => b.id),
  );
  const parsed = z.array(bucketSchema).safeParse(value);
  const problems = [
    ...issues,
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), message: i.message }))),
  ];
  if (problems.length > 0 || !parsed.success) {
    throw new RouterError('INVALID_INPUT', `--rate-limits: bucket ${problems.map(formatIssue).join('; ')}`, { path: 'rate-limits' });
  }
  return value as Bucket[];
}

function upsertOne(provider: Provider, input: Input): { bucket: Bucket; created: boolean } {
  const existing = findBucket(provider, input);
  const taken = new Set((provider.rateLimits ?? []).map((b) => b.id));
  if (!existing && (input.bucketRequests === undefined || input.bucketWindow === undefined)) {
    throw new RouterError('INVALID_INPUT', 'a new bucket needs --bucket-requests=N and --bucket-window=UNIT:SIZE (e.g. minute:1, hour:6, month:1)', {
      path: input.bucketRequests === undefined ? 'bucket-requests' : 'bucket-window',
    });
  }
  const bucket: Bucket = existing
    ? { ...existing }
    : {
        id: input.bucketId ?? uniqueId(slugify(input.bucketName ?? '') || `bucket-${taken.size + 1}`, taken),
        models: ['all'],
        requests: 1,
        window: { unit: 'minute', size: 1 },
      };
  if (input.bucketName) bucket.name = input.bucketName;
  else if (!existing) bucket.name = bucket.id;
  if (input.bucketModels)
    bucket.models = input.bucketModels.some((m) => m.toLowerCase() === 'all') && input.bucketModels.length === 1 ? ['all'] : input.bucketModels;
  if (input.bucketRequests !== undefined) bucket.requests = input.bucketRequests;
  if (input.bucketWindow !== undefined) {
    const parsed = parseWindow(input.bucketWindow);
    if ('error' in parsed) throw new RouterError('INVALID_INPUT', `--bucket-window: ${parsed.error}`, { path: 'bucket-window' });
    bucket.window = parsed.window;
  }
  return { bucket: existing ? bucket : withKeyOrder(bucket, ['id', 'name', 'models', 'requests', 'window']), created: !existing };
}

function describe(bucket: Bucket): string {
  return `${bucket.id}: ${bucket.requests} requests ${describeWindow(bucket.window)} on ${bucket.models.includes('all') ? 'all models' : bucket.models.join(', ')}`;
}

export const setProviderRateLimits = defineOperation({
  name: 'set-provider-rate-limits',
  aliases: ['set-rate-limits'],
  summary: "Add, edit or remove a provider's rate-limit buckets (N requests per window)",
  mutates: true,
  flags: [
    { name: 'provider-id', aliases: ['id'], key: 'providerId', kind: 'string', value: 'ID', description: 'provider the bucket belongs to' },
    { name: 'bucket-id', key: 'bucketId', kind: 'string', value: 'ID', description: 'bucket to edit or remove (new buckets: slug of the name)' },
    { name: 'bucket-name', aliases: ['name'], key: 'bucketName', kind: 'string', value: 'NAME', description: 'display name' },
    {
      name: 'bucket-models',
      aliases: ['models'],
      key: 'bucketModels',
      kind: 'list',
      value: 'all|m1,m2',
      description: 'models the cap covers (new buckets: all)',
    },
    { name: 'bucket-requests', aliases: ['requests'], key: 'bucketRequests', kind: 'number', value: 'N', description: 'requests allowed per window' },
    {
      name: 'bucket-window',
      aliases: ['window'],
      key: 'bucketWindow',
      kind: 'string',
      value: 'UNIT:SIZE',
      description: 'window: second|minute|hour|day|week|month, e.g. hour:6, 1w, 7day',
    },
    { name: 'rate-limits', key: 'rateLimits', kind: 'json', value: 'JSON', description: 'buckets as JSON (object or array, file format) for bulk edits' },
    {
      name: 'replace-rate-limits',
      key: 'replaceRateLimits',
      kind: 'boolean',
      value: 'true',
      description: 'with --rate-limits: replace every bucket instead of upserting',
    },
    { name: 'remove-bucket', key: 'removeBucket', kind: 'boolean', value: 'true', description: 'remove the bucket named by --bucket-id (or --bucket-name)' },
  ],
  input,
  run(config, input): OperationOutcome {
    const provider = requireProvider(config, input.providerId);
    const next = cloneConfig(config);
    const target = next.providers.find((p) => p.id === provider.id);
    if (!target) throw new RouterError('INTERNAL', 'provider vanished from its own clone');
    const buckets = [...(target.rateLimits ?? [])];
    if (input.removeBucket) {
      if (!input.bucketId && !input.bucketName)
        throw new RouterError('INVALID_INPUT', '--remove-bucket needs --bucket-id (or --bucket-name)', { path: 'bucket-id' });
      const bucket = findBucket(target, input);
      if (!bucket)
        throw new RouterError(
          'NOT_FOUND',
          `provider "${provider.id}" has no bucket "${input.bucketId ?? input.bucketName}" (buckets: ${buckets.map((b) => b.id).join(', ') || 'none'})`,
          { path: 'bucket-id' },
        );
      target.rateLimits = buckets.filter((b) => b.id !== bucket.id);
      return { config: next, data: { providerId: provider.id, removed: bucket.id }, lines: [`Removed bucket ${provider.id}/${bucket.id}`] };
    }
    if (input.rateLimits !== undefined) {
      const incoming = bulkBuckets(input.replaceRateLimits ? { ...target, rateLimits: [] } : target, input.rateLimits);
      const merged = input.replaceRateLimits ? [] : buckets;
      for (const bucket of incoming) {
        const at = merged.findIndex((b) => b.id === bucket.id);
        if (at === -1) merged.push(bucket);
        else merged[at] = bucket;
      }
      target.rateLimits = merged;
      return {
        config: next,
        data: { providerId: provider.id, rateLimits: merged },
        lines: [`Buckets of ${provider.id}:`, ...merged.map((b) => `  ${describe(b)}`)],
      };
    }
    if (!input.bucketId && !input.bucketName && input.bucketRequests === undefined && input.bucketWindow === undefined) {
      throw new RouterError(
        'INVALID_INPUT',
        'nothing to do: give --bucket-name/--bucket-requests/--bucket-window, --rate-limits=JSON, or --remove-bucket=true --bucket-id=ID',
        { path: 'bucket-name' },
      );
    }
    const { bucket, created } = upsertOne(target, input);
    const at = buckets.findIndex((b) => b.id === bucket.id);
    if (at === -1) buckets.push(bucket);
    else buckets[at] = bucket;
    target.rateLimits = buckets;
    return {
      config: next,
      data: { providerId: provider.id, action: created ? 'created' : 'updated', bucket },
      lines: [`${created ? 'Added' : 'Updated'} bucket ${provider.id}/${describe(bucket)}`],
    };
  },
});
