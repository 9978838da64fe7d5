/** Schema migrations (v1 -> v2 is the only step) and the backups taken before them. */
import { copyFile, chmod, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { constants } from 'node:fs';
import { RouterError } from '../errors/router-error.js';
import { backupsDir } from './paths.js';
import { CURRENT_CONFIG_VERSION, type Config } from './schema.js';

export interface MigrationResult {
  config: Config;
  from: number;
  to: number;
  changed: boolean;
}

export function migrateConfig(config: Config, targetVersion = CURRENT_CONFIG_VERSION): MigrationResult {
  const from = config.version;
  if (targetVersion > CURRENT_CONFIG_VERSION) {
    throw new RouterError('INVALID_INPUT', `no migration path to version ${targetVersion}: this llm-router knows versions 1 to ${CURRENT_CONFIG_VERSION}`, {
      path: 'target-version',
    });
  }
  if (from >= targetVersion) return { config, from, to: from, changed: false };
  // v1 -> v2: rate-limit buckets on every provider and an alias table.
  const config2: Config = {
    ...config,
    version: 2,
    providers: config.providers.map((p) => (p.rateLimits ? p : { ...p, rateLimits: [] })),
    modelAliases: config.modelAliases ?? {},
  };
  return { config: config2, from, to: 2, changed: true };
}

function timestamp(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
}

/** Copies the config file to `~/.llm-router/backups/<name>.<UTC timestamp>[-n].bak` (0600, dir 0700). */
export async function backupConfigFile(configPath: string, env: NodeJS.ProcessEnv, now: Date): Promise<string> {
  const dir = backupsDir(env);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const base = join(dir, `${basename(configPath)}.${timestamp(now)}`);
    for (let n = 1; ; n += 1) {
      const target = n === 1 ? `${base}.bak` : `${base}-${n}.bak`;
      try {
        await copyFile(configPath, target, constants.COPYFILE_EXCL);
        await chmod(target, 0o600);
        return target;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  } catch (err) {
    throw new RouterError('IO', `cannot back up ${configPath} into ${dir}: ${(err as Error).message}`, { file: configPath, cause: err });
  }
}
