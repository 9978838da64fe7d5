/**
 * Inter-process lock around config writes (proper-lockfile: an atomic mkdir of
 * `<file>.lock`, refreshed while held and taken over once stale), so a TUI save and a
 * script save at the same moment both land instead of one overwriting the other.
 */
import lockfile from 'proper-lockfile';
import { RouterError } from '../errors/router-error.js';

const STALE_MS = 10_000;

export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: STALE_MS,
      update: STALE_MS / 4,
      // About 15 s of patience in total before giving up on a busy lock.
      retries: { retries: 150, factor: 1.1, minTimeout: 5, maxTimeout: 100, randomize: true },
      onCompromised: (err) => {
        compromised = err;
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new RouterError(
        'CONFIG_LOCKED',
        `config ${file} is locked by another llm-router process (lock: ${file}.lock); try again, or remove the lock directory if no llm-router is running`,
        { file, cause: err },
      );
    }
    throw new RouterError('IO', `cannot lock config ${file}: ${(err as Error).message}`, { file, cause: err });
  }
  try {
    const result = await fn();
    if (compromised) throw new RouterError('CONFIG_LOCKED', `lost the lock on ${file} while writing: ${compromised.message}`, { file, cause: compromised });
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
