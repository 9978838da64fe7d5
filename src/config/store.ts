/**
 * The config store. Reading never writes. Updating takes the inter-process lock,
 * re-reads the file under it, applies a pure change, validates the result, and writes
 * atomically with mode 0600 — so concurrent writers each see the others' changes.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { dirname } from 'node:path';
import { RouterError } from '../errors/router-error.js';
import { formatIssue, formatPath, type ConfigIssue } from './config-path.js';
import { withFileLock } from './lock.js';
import { backupConfigFile, migrateConfig } from './migrate.js';
import { checkConfig, parseConfigText } from './parse-config.js';
import { emptyConfig, CURRENT_CONFIG_VERSION, type Config } from './schema.js';
import { serializeConfig, writeFileAtomically } from './save.js';

export interface ConfigSnapshot {
  path: string;
  /** False when there is no file yet; `config` is then the empty config. */
  exists: boolean;
  config: Config;
}

export async function readConfig(path: string): Promise<ConfigSnapshot> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path, exists: false, config: emptyConfig() };
    throw new RouterError('IO', `cannot read config ${path}: ${(err as Error).message}`, { file: path, cause: err });
  }
  return { path, exists: true, config: parseConfigText(text, path) };
}

export interface Change<T> {
  /** The new config, or undefined when nothing changes. */
  config?: Config | undefined;
  value: T;
  /** Back up the current file before writing (default: only when the write migrates it). */
  backup?: boolean;
}

export interface UpdateResult<T> {
  value: T;
  written: boolean;
  backupPath?: string;
  migratedFrom?: number;
}

export interface UpdateOptions {
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

function invalidChange(issues: ConfigIssue[]): RouterError {
  const details = issues.map(formatIssue);
  const first = issues[0];
  return new RouterError(
    'CONFIG_INVALID',
    `the change would leave the config invalid: ${details[0]}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}`,
    {
      details,
      ...(first ? { path: formatPath(first.path) } : {}),
    },
  );
}

export async function updateConfig<T>(path: string, change: (snapshot: ConfigSnapshot) => Change<T>, options: UpdateOptions = {}): Promise<UpdateResult<T>> {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new RouterError('IO', `cannot create the directory for ${path}: ${(err as Error).message}`, { file: path, cause: err });
  }
  return withFileLock(path, async () => {
    const snapshot = await readConfig(path);
    const out = change(snapshot);
    if (!out.config || (snapshot.exists && isDeepStrictEqual(out.config, snapshot.config))) {
      return { value: out.value, written: false };
    }
    const migration = migrateConfig(out.config, CURRENT_CONFIG_VERSION);
    const next = checkConfig(migration.config, invalidChange);
    const result: UpdateResult<T> = { value: out.value, written: true };
    if (snapshot.exists && (out.backup ?? migration.changed)) {
      result.backupPath = await backupConfigFile(path, env, now());
    }
    if (migration.changed) result.migratedFrom = migration.from;
    await writeFileAtomically(path, serializeConfig(next));
    return result;
  });
}
