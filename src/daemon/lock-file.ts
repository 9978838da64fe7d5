/**
 * Exclusive-create lock files holding the owner's pid (nx's daemon start-lock idea): taken
 * with O_EXCL, so two processes can never both hold one; a lock whose owner is dead (or
 * that is older than `staleMs` for short-lived locks) is taken over.
 */
import { open, readFile, rm, stat } from 'node:fs/promises';
import { processAlive } from './pidfile.js';

export interface LockOwner {
  pid: number;
}

export type LockResult = { held: true; release: () => Promise<void> } | { held: false; owner: LockOwner };

async function ownerOf(path: string): Promise<{ pid: number; ageMs: number } | undefined> {
  const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
  const mtime = (await stat(path).catch(() => undefined))?.mtimeMs;
  return Number.isInteger(pid) && pid > 0 && mtime !== undefined ? { pid, ageMs: Date.now() - mtime } : undefined;
}

/** Takes the lock, or says who holds it. `staleMs`: a live owner older than this loses it too (undefined: never). */
export async function tryLock(path: string, staleMs?: number): Promise<LockResult> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return {
        held: true,
        release: async () => {
          if ((await ownerOf(path))?.pid === process.pid) await rm(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = await ownerOf(path);
      if (owner && owner.pid !== process.pid && processAlive(owner.pid) && (staleMs === undefined || owner.ageMs < staleMs))
        return { held: false, owner: { pid: owner.pid } };
      if (owner === undefined) {
        // Being written by its owner right now: give it a moment before judging it.
        await new Promise((r) => setTimeout(r, 20));
        const again = await ownerOf(path);
        if (again && processAlive(again.pid)) return { held: false, owner: { pid: again.pid } };
      }
      await rm(path, { force: true });
    }
  }
  throw new Error(`cannot take the lock ${path}`);
}
