import type { Usage } from './types.js';

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0 };
}

/** Later values win field by field (streams report usage in pieces). */
export function mergeUsage(base: Usage, update: Partial<Usage> | undefined): Usage {
  if (!update) return base;
  const out: Usage = { ...base };
  for (const key of ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens'] as const) {
    const value = update[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
