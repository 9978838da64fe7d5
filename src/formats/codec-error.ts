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
