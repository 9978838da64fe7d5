/** Atomic, durable writes: temp file + fsync + rename (write-file-atomic), then fsync the directory. */
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { RouterError } from '../errors/router-error.js';
import type { Config } from './schema.js';

export function serializeConfig(config: Config): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself already happened.
  } finally {
    await handle.close();
  }
}

export async function writeFileAtomically(file: string, data: string | Buffer, mode = 0o600): Promise<void> {
  try {
    await writeFileAtomic(file, data, { mode, fsync: true, encoding: 'utf8' });
    await fsyncDirectory(dirname(file));
  } catch (err) {
    throw new RouterError('IO', `cannot write ${file}: ${(err as Error).message}`, { file, cause: err });
  }
}
