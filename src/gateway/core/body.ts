/**
 * Body rules for every route: JSON content types only, and JSON no deeper than MAX_JSON_DEPTH
 * (model routes read their bodies through request-body.ts, which applies the same rules).
 *
 * A body with any other content type, or with none at all, is a 415: browsers send a
 * Blob or a string body without a JSON type and without a CORS preflight, so "no type"
 * must not mean "JSON" (SECURITY.md). A request without a body is a 400 on model routes.
 * Depth is bounded because the codecs and JSON.stringify recurse: a 100,000-deep body
 * would overflow the stack (a 500) instead of getting its 400.
 */
import type { GatewayErrorCode } from './error-catalog.js';

export const MAX_JSON_DEPTH = 128;
const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

export class BodyError extends Error {
  readonly code: GatewayErrorCode;
  constructor(code: GatewayErrorCode, message: string) {
    super(message);
    this.name = 'BodyError';
    this.code = code;
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
    throw new BodyError('invalid_request', `request body is not valid JSON: ${(err as Error).message}`);
  }
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH))
    throw new BodyError('invalid_request', `request body nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`);
  return value;
}

/** Throws the 415 for a body whose content type is not JSON (or is missing). */
export function requireJsonType(contentType: string | string[] | undefined): void {
  const type = Array.isArray(contentType) ? contentType[0] : contentType;
  if (isJsonContentType(type)) return;
  const problem = type === undefined || type.trim() === '' ? 'the request has a body but no content type' : `unsupported content type "${type}"`;
  throw new BodyError('unsupported_media_type', `${problem}: send Content-Type: application/json`);
}
