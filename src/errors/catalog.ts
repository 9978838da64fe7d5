/**
 * The error catalog: one stable code per kind of failure. Codes never change meaning;
 * docs/errors.md describes each for users.
 */
export const ERROR_CATALOG = {
  USAGE: { exitCode: 2, httpStatus: 400, summary: 'The command line is wrong: unknown command, operation or flag, or a flag value of the wrong kind.' },
  INVALID_INPUT: {
    exitCode: 2,
    httpStatus: 400,
    summary: 'An operation argument is well-formed but not acceptable (unknown provider, bad URL, bad window, ...).',
  },
  NOT_FOUND: { exitCode: 2, httpStatus: 404, summary: 'The provider, model, alias or bucket named does not exist.' },
  CONFIG_INVALID: { exitCode: 2, httpStatus: 500, summary: 'The config (on disk, or as an operation would leave it) breaks a schema rule.' },
  CONFIG_PARSE: { exitCode: 2, httpStatus: 500, summary: 'The config file is not valid JSON.' },
  CONFIG_TOO_NEW: { exitCode: 2, httpStatus: 500, summary: 'The config file has a schema version newer than this llm-router understands.' },
  CONFIG_LOCKED: { exitCode: 1, httpStatus: 503, summary: 'Another process held the config lock for too long.' },
  PROBE_FAILED: {
    exitCode: 2,
    httpStatus: 502,
    summary: 'The provider probe disagreed with what was asked: some models or formats did not confirm (nothing saved).',
  },
  PROBE_UNREACHABLE: { exitCode: 1, httpStatus: 502, summary: 'The provider probe reached no endpoint (network error or timeout); nothing saved.' },
  IO: { exitCode: 1, httpStatus: 500, summary: 'Reading or writing a file failed.' },
  NOT_AVAILABLE: { exitCode: 1, httpStatus: 501, summary: 'What was asked needs something this system lacks (an OS service manager).' },
  GATE_FAILED: {
    exitCode: 1,
    httpStatus: 503,
    summary: 'The gateway a coding tool would be pointed at is not running, or a live check that tool needs failed.',
  },
  CLOUDFLARE_API: {
    exitCode: 1,
    httpStatus: 502,
    summary: 'The Cloudflare API could not be reached, timed out, or failed (deploy, worker-key).',
  },
  DEPLOY_FAILED: { exitCode: 1, httpStatus: 502, summary: 'wrangler failed to upload the Worker or its secret; the message says what was left in place.' },
  INTERNAL: { exitCode: 1, httpStatus: 500, summary: 'A bug in llm-router. Please report it with the message.' },
} as const satisfies Record<string, { exitCode: number; httpStatus: number; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;
