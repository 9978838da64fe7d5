/**
 * Typed errors with stable codes. Every failure a user can see carries a code from
 * the catalog, the exit code the CLI should use, and (for config problems) the path
 * inside the config that is wrong.
 */
import { ERROR_CATALOG, type ErrorCode } from './catalog.js';

export interface RouterErrorOptions {
  /** Path inside the config or input that is wrong, e.g. `providers[0].baseUrl`. */
  path?: string;
  /** File the problem is in, when there is one. */
  file?: string;
  /** 1-based line/column in `file`, when known. */
  line?: number;
  column?: number;
  /** Further problems of the same kind (e.g. all validation issues). */
  details?: readonly string[];
  cause?: unknown;
}

export class RouterError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly httpStatus: number;
  readonly path: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, options: RouterErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RouterError';
    this.code = code;
    const entry = ERROR_CATALOG[code];
    this.exitCode = entry.exitCode;
    this.httpStatus = entry.httpStatus;
    this.path = options.path;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.details = options.details ?? [];
  }

  /** A JSON-safe view for `--json` output and logs. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.path !== undefined) out.path = this.path;
    if (this.file !== undefined) out.file = this.file;
    if (this.line !== undefined) out.line = this.line;
    if (this.column !== undefined) out.column = this.column;
    if (this.details.length > 0) out.details = this.details;
    return out;
  }
}

export function isRouterError(value: unknown): value is RouterError {
  return value instanceof RouterError;
}
