/**
 * What `deploy` and `worker-key` both resolve from flags and the environment: the Cloudflare
 * token (CLOUDFLARE_API_TOKEN, else CF_API_TOKEN), the account (--account-id,
 * CLOUDFLARE_ACCOUNT_ID, or the token's only one), the master key (--master-key,
 * --generate-master-key, or the local config's), and how each result is printed.
 */
import { RouterError } from '../../errors/router-error.js';
import { parseBoolean, stringFlag, type RawFlags } from '../../config/operations/flags-to-input.js';
import { TOKEN_HELP } from '../../deploy/cloudflare-api.js';
import { DEFAULT_KEY_LENGTH, DEFAULT_KEY_PREFIX, generateMasterKey } from '../../deploy/master-key.js';
import type { DeployApi, DeployEvent, DeployStepId } from '../../deploy/types.js';
import { randomBytes } from 'node:crypto';
import type { Colors } from '../io.js';

export const KEY_FLAGS = ['master-key', 'generate-master-key', 'master-key-length', 'master-key-prefix', 'allow-weak-master-key'];
/** In dry runs and exports no account is looked up; this stands in for it. */
export const ACCOUNT_PLACEHOLDER = '<account-id>';

export const bool = (flags: RawFlags, name: string, fallback = false): boolean => (flags[name] === undefined ? fallback : parseBoolean(flags[name], name));

export function resolveToken(env: NodeJS.ProcessEnv, required: boolean): string {
  const token = (env.CLOUDFLARE_API_TOKEN?.trim() || env.CF_API_TOKEN?.trim()) ?? '';
  if (token === '' && required)
    throw new RouterError('USAGE', `no Cloudflare API token: set CLOUDFLARE_API_TOKEN (or CF_API_TOKEN). To get one, ${TOKEN_HELP}`);
  return token;
}

/** The account: the flag, CLOUDFLARE_ACCOUNT_ID, or the token's only account (several: exit 2 listing them). */
export async function resolveAccount(flags: RawFlags, env: NodeJS.ProcessEnv, token: string, api: DeployApi, offline: boolean): Promise<string> {
  const given = stringFlag(flags, 'account-id') ?? (env.CLOUDFLARE_ACCOUNT_ID?.trim() || undefined);
  if (offline) return given ?? ACCOUNT_PLACEHOLDER;
  const check = await api.checkToken(token);
  if (!check.ok) {
    const runtime = check.problemKind === 'network' || check.problemKind === 'timeout' || check.problemKind === 'api';
    throw new RouterError(runtime ? 'CLOUDFLARE_API' : 'INVALID_INPUT', check.problem ?? 'the Cloudflare API token did not verify');
  }
  if (given) {
    if (!check.accounts.some((a) => a.id === given))
      throw new RouterError(
        'INVALID_INPUT',
        `the token cannot use account ${given}; it can use: ${check.accounts.map((a) => `${a.id} (${a.name})`).join(', ')}`,
        {
          path: 'account-id',
        },
      );
    return given;
  }
  if (check.accounts.length === 1) return check.accounts[0]!.id;
  throw new RouterError('USAGE', `the token can use ${check.accounts.length} accounts; choose one with --account-id (or CLOUDFLARE_ACCOUNT_ID)`, {
    path: 'account-id',
    details: check.accounts.map((a) => `--account-id=${a.id}  (${a.name})`),
  });
}

export interface ChosenKey {
  key: string;
  generated: boolean;
  source: string;
}

/** --master-key, --generate-master-key, or the local config's key (when `useConfigKey`). */
export function resolveMasterKey(flags: RawFlags, configKey: string | undefined, useConfigKey: boolean): ChosenKey {
  const given = stringFlag(flags, 'master-key');
  const generate = bool(flags, 'generate-master-key');
  if (given !== undefined && generate) throw new RouterError('USAGE', 'give --master-key or --generate-master-key, not both');
  if (given !== undefined) {
    if (given === '' || /\s/.test(given))
      throw new RouterError('INVALID_INPUT', '--master-key must not be empty or contain whitespace', { path: 'master-key' });
    return { key: given, generated: false, source: '--master-key' };
  }
  if (generate) {
    const lengthText = stringFlag(flags, 'master-key-length');
    const length = lengthText === undefined ? DEFAULT_KEY_LENGTH : Number(lengthText);
    if (!Number.isInteger(length)) throw new RouterError('USAGE', `--master-key-length expects a whole number, got ${JSON.stringify(lengthText)}`);
    const key = generateMasterKey((n) => randomBytes(n), length, stringFlag(flags, 'master-key-prefix') ?? DEFAULT_KEY_PREFIX);
    return { key, generated: true, source: 'generated' };
  }
  if (useConfigKey && configKey) return { key: configKey, generated: false, source: 'the local config' };
  throw new RouterError(
    'USAGE',
    `no master key: pass --master-key=KEY or --generate-master-key${useConfigKey ? ', or set one in the local config (llm-router config --operation=set-master-key --generate-master-key=true)' : ''}`,
    { path: 'master-key' },
  );
}

const LABELS: Record<DeployStepId, string> = {
  'verify-token': 'token',
  'resolve-target': 'target',
  'check-key': 'master key',
  'seal-config': 'config',
  'write-project': 'files',
  upload: 'upload',
  'verify-health': 'health',
};

/** One line per finished step (start events print nothing; the next line says how it went). */
export function eventLine(event: DeployEvent, c: Colors): string | undefined {
  if (event.status === 'start') return undefined;
  const mark = { ok: c.green('ok  '), skip: c.dim('skip'), fail: c.red('FAIL') }[event.status];
  return `  ${mark} ${LABELS[event.step].padEnd(10)} ${event.detail ?? ''}`.trimEnd();
}

export function generatedKeyLines(key: string, c: Colors): string[] {
  return [
    '',
    c.bold('New master key (shown only this once; copy it now):'),
    '',
    `  ${key}`,
    '',
    'Clients send it as "Authorization: Bearer <key>" or "x-api-key: <key>".',
  ];
}
