/**
 * Master-key auth: `Authorization: Bearer <key>` (or the bare key) or `x-api-key`. The
 * comparison takes the same time whatever the presented key holds: it always walks the
 * whole expected key (so only the expected key's length shapes the timing), with no
 * early exit. Pure code, no node:crypto and no async digest on the hot path.
 */
import type { HeaderMap } from './types.js';

export function presentedKey(headers: HeaderMap): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.trim() !== '') return auth.replace(/^Bearer\s+/i, '').trim();
  const key = headers['x-api-key'];
  return typeof key === 'string' && key !== '' ? key : undefined;
}

export function keyMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  let diff = presented.length ^ expected.length;
  for (let i = 0; i < expected.length; i += 1) diff |= expected.charCodeAt(i) ^ (i < presented.length ? presented.charCodeAt(i) : 0);
  return diff === 0;
}
