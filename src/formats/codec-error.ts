import type { CanonicalError, ErrorKind } from './canonical/types.js';

/** A request a codec cannot accept (bad shape, unsupported without a store, ...): a 4xx. */
export class CodecError extends Error {
  readonly error: CanonicalError;

  constructor(message: string, options: { kind?: ErrorKind; status?: number; param?: string; code?: string } = {}) {
    super(message);
    this.name = 'CodecError';
    this.error = { status: options.status ?? 400, kind: options.kind ?? 'invalid_request', message };
    if (options.param) this.error.param = options.param;
    if (options.code) this.error.code = options.code;
  }
}

export function invalid(message: string, param?: string): CodecError {
  return new CodecError(message, param ? { param } : {});
}

/**
 * A turn whose only content the upstream format cannot hold (e.g. a PDF by URL to OpenAI
 * Chat): dropping it would change the request, so it is refused. The gateway adds the
 * provider's name and tries the next candidate first.
 */
export class UnsupportedContentError extends CodecError {
  readonly origin: string;
  readonly what: string;
  readonly target: string;

  constructor(origin: string, what: string, target: string) {
    super(`${origin} (${what}) cannot be sent in ${target} format, and it is all that turn contains`, { param: origin, code: 'unsupported_content' });
    this.name = 'UnsupportedContentError';
    this.origin = origin;
    this.what = what;
    this.target = target;
  }
}
