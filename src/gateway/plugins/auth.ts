/** Master-key auth: `Authorization: Bearer <key>` (or the bare key) or `x-api-key`, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderError } from '../../formats/index.js';
import { gatewayError } from '../core/error-catalog.js';
import { clientFormatOf } from './client-format.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && auth.trim() !== '') return auth.replace(/^Bearer\s+/i, '').trim();
  const key = request.headers['x-api-key'];
  return typeof key === 'string' && key !== '' ? key : undefined;
}

export function keyMatches(presented: string | undefined, expected: string): boolean {
  return presented !== undefined && timingSafeEqual(digest(presented), digest(expected));
}

export function createAuthHook(getMasterKey: () => string | undefined, required: boolean, publicPaths: readonly string[] = []) {
  const open = new Set(['/health', ...publicPaths]);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const masterKey = getMasterKey();
    if (!required || masterKey === undefined || request.method === 'OPTIONS' || open.has(request.url.split('?')[0] ?? '')) return;
    if (keyMatches(presentedKey(request), masterKey)) return;
    const { status, body } = renderError(
      clientFormatOf(request),
      gatewayError('invalid_api_key', 'invalid or missing llm-router master key: send it as "Authorization: Bearer <key>" or "x-api-key: <key>"'),
    );
    await reply.code(status).header('www-authenticate', 'Bearer').send(body);
  };
}
