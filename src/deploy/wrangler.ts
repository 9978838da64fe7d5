/**
 * Runs our pinned wrangler (4.86.0, the dependency; never `npx wrangler`) with this Node, in
 * the generated project folder, offline apart from the Cloudflare API and non-interactive:
 * no telemetry, no error reports, no banner (which is what triggers its npm update check),
 * its debug log in a temporary folder. Output is captured; on failure the last lines that
 * say something are kept for the message.
 */
import { createRequire } from 'node:module';
import { stripVTControlCharacters } from 'node:util';
import { execa } from 'execa';
import { RouterError } from '../errors/router-error.js';

export interface WranglerRun {
  cwd: string;
  token: string;
  accountId: string;
  /** The environment wrangler inherits (CLOUDFLARE_API_BASE_URL, proxies, ...). */
  env: NodeJS.ProcessEnv;
  /** Where wrangler writes its debug log (a temporary folder the caller removes). */
  logDir: string;
  input?: string;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

export interface WranglerOutcome {
  exitCode: number;
  /** stdout and stderr interleaved, as a user would have seen them. */
  output: string;
  stdout: string;
}

export function wranglerBin(): string {
  try {
    return createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
  } catch (err) {
    throw new RouterError(
      'NOT_AVAILABLE',
      `wrangler is missing (${(err as Error).message.split('\n')[0]}): llm-router depends on wrangler 4.86.0; reinstall llm-router (npm install -g llm-router)`,
      {
        cause: err,
      },
    );
  }
}

/** The variables wrangler runs with, on top of the inherited ones. */
export function wranglerEnv(run: Pick<WranglerRun, 'token' | 'accountId' | 'logDir'>): Record<string, string> {
  return {
    CLOUDFLARE_API_TOKEN: run.token,
    CLOUDFLARE_ACCOUNT_ID: run.accountId,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    WRANGLER_LOG_PATH: run.logDir,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

/** How the command reads for a human (dry run, error messages): no secret values in it. */
export function displayCommand(args: readonly string[]): string {
  return ['wrangler', ...args.map((a) => (/^[\w@%+=:,./<>-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`))].join(' ');
}

export async function runWrangler(args: readonly string[], run: WranglerRun): Promise<WranglerOutcome> {
  const bin = wranglerBin();
  const env: NodeJS.ProcessEnv = { ...run.env, ...wranglerEnv(run) };
  // CF_API_TOKEN is our alternate name; wrangler must not see a different token under it.
  delete env.CF_API_TOKEN;
  const result = await execa(process.execPath, [bin, ...args], {
    cwd: run.cwd,
    env,
    extendEnv: false,
    input: run.input ?? '',
    all: true,
    reject: false,
    stripFinalNewline: true,
    timeout: run.timeoutMs ?? 180_000,
    ...(run.signal ? { cancelSignal: run.signal } : {}),
  });
  const output = String(result.all ?? '');
  if (result.failed && result.exitCode === undefined) {
    const why = result.timedOut ? 'timed out' : result.isCanceled ? 'was cancelled' : `could not run (${result.shortMessage})`;
    return { exitCode: -1, output: `${output}\nwrangler ${why}`, stdout: String(result.stdout ?? '') };
  }
  return { exitCode: result.exitCode ?? -1, output, stdout: String(result.stdout ?? '') };
}

/**
 * What a user needs from wrangler's output on failure: its error block (from the first
 * "[ERROR]" line) when there is one, else its last lines; no tables, banners, blank lines
 * or "report this bug" boilerplate.
 */
export function lastMeaningfulLines(output: string, count = 6): string[] {
  const lines = stripVTControlCharacters(output)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(
      (l) =>
        l.trim() !== '' &&
        !/^[\s─┌┐└┘├┤┬┴┼│-]+$/.test(l) &&
        !/Logs were written to/.test(l) &&
        !/(please )?(create|open) an issue/i.test(l) &&
        !/^\s*env\.\S+ .*\s{2,}\S/.test(l),
    );
  const error = lines.findIndex((l) => /\[ERROR\]/.test(l));
  return (error === -1 ? lines.slice(-count) : lines.slice(error, error + count)).map((l) => l.replace(/^\s*✘\s*/, '').trim());
}
