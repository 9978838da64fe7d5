/**
 * The one body parser: JSON content types only, and JSON no deeper than MAX_JSON_DEPTH.
 *
 * A body with any other content type, or with none at all, is a 415: browsers send a
 * Blob or a string body without a JSON type and without a CORS preflight, so "no type"
 * must not mean "JSON" (SECURITY.md). A bodiless request never reaches the parser.
 * Depth is bounded because the codecs and JSON.stringify recurse: a 100,000-deep body
 * would overflow the stack (a 500) instead of getting its 400.
 */
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request body exactly as it arrived (JSON bodies only). */
    rawBody?: Uint8Array;
  }
}

export const MAX_JSON_DEPTH = 128;
const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

export class BodyError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.name = 'BodyError';
    this.statusCode = statusCode;
  }
}

export function isJsonContentType(type: string | undefined): boolean {
  return type !== undefined && JSON_TYPE.test(type.trim());
}

/** The nesting depth of a parsed JSON value, counted without recursion; stops once past `limit`. */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Parses a JSON request body text, or throws a BodyError (400) that says what is wrong. */
export function parseJsonBody(source: string): unknown {
  if (source.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    throw new BodyError(400, `request body is not valid JSON: ${(err as Error).message}`);
  }
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) throw new BodyError(400, `request body nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`);
  return value;
}

export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, raw, done) => {
    const type = request.headers['content-type'];
    if (!isJsonContentType(type)) {
      const problem = type === undefined || type.trim() === '' ? 'the request has a body but no content type' : `unsupported content type "${type}"`;
      done(new BodyError(415, `${problem}: send Content-Type: application/json`), undefined);
      return;
    }
    try {
      const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
      const body = parseJsonBody(bytes.toString('utf8'));
      // Kept for passthrough: the exact bytes go upstream with only `model` spliced (rewrite-model.ts).
      request.rawBody = bytes;
      done(null, body);
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
