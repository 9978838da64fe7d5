/**
 * Backups of the coding-tool files `setup` edits, under ~/.llm-router/backups/setup/ (0700,
 * files 0600), with a manifest: one entry per edited file, holding its bytes and mode from
 * before llm-router first touched it (or that it did not exist), so `--undo` puts back
 * exactly that, however many times setup ran in between.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { backupsDir } from '../config/paths.js';
import { withFileLock } from '../config/lock.js';
import { writeFileAtomically } from '../config/save.js';
import { RouterError } from '../errors/router-error.js';

const entrySchema = z.object({
  tool: z.string(),
  scope: z.string(),
  file: z.string(),
  existed: z.boolean(),
  mode: z.number().int().nullable(),
  backup: z.string().nullable(),
  originalSha256: z.string().nullable(),
  writtenSha256: z.string(),
  at: z.string(),
});
export type BackupEntry = z.infer<typeof entrySchema>;
const manifestSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) });
type Manifest = z.infer<typeof manifestSchema>;

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export function setupBackupDir(env: NodeJS.ProcessEnv): string {
  return join(backupsDir(env), 'setup');
}

async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: [] };
    throw new RouterError('IO', `cannot read ${path}: ${(err as Error).message}`, { file: path, cause: err });
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text) as unknown);
  if (!parsed.success) throw new RouterError('IO', `the setup backup manifest ${path} is damaged; move it away to continue`, { file: path });
  return parsed.data;
}

/** Runs `fn` on the manifest under its lock and saves what it returns. */
export async function withManifest<T>(env: NodeJS.ProcessEnv, fn: (m: Manifest, dir: string) => Promise<{ manifest?: Manifest; value: T }>): Promise<T> {
  const dir = setupBackupDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const path = join(dir, 'manifest.json');
  return withFileLock(path, async () => {
    const out = await fn(await readManifest(path), dir);
    if (out.manifest) await writeFileAtomically(path, `${JSON.stringify(out.manifest, null, 2)}\n`);
    return out.value;
  });
}

export async function findEntry(env: NodeJS.ProcessEnv, file: string): Promise<BackupEntry | undefined> {
  return (await readManifest(join(setupBackupDir(env), 'manifest.json'))).entries.find((e) => e.file === file);
}

/** Saves the original bytes (first edit of this file only) and records what we wrote. */
export async function recordEdit(
  env: NodeJS.ProcessEnv,
  entry: { tool: string; scope: string; file: string },
  original: { bytes: Buffer; mode: number } | undefined,
  written: string,
  now: Date,
): Promise<BackupEntry> {
  return withManifest(env, async (manifest, dir) => {
    const previous = manifest.entries.find((e) => e.file === entry.file);
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    let next: BackupEntry;
    if (previous && original && sha256(original.bytes) === previous.writtenSha256) {
      next = { ...previous, writtenSha256: sha256(written), at: now.toISOString() };
    } else {
      let backup: string | null = null;
      if (original) {
        backup = `${entry.tool}-${entry.scope}-${stamp}.bak`;
        await writeFile(join(dir, backup), original.bytes, { mode: 0o600 });
      }
      next = {
        ...entry,
        existed: original !== undefined,
        mode: original?.mode ?? null,
        backup,
        originalSha256: original ? sha256(original.bytes) : null,
        writtenSha256: sha256(written),
        at: now.toISOString(),
      };
    }
    return { manifest: { version: 1, entries: [...manifest.entries.filter((e) => e.file !== entry.file), next] }, value: next };
  });
}

/** Drops an entry (after undo) and its backup file. */
export async function dropEntry(env: NodeJS.ProcessEnv, file: string): Promise<void> {
  await withManifest(env, async (manifest, dir) => {
    const entry = manifest.entries.find((e) => e.file === file);
    if (entry?.backup) await rm(join(dir, entry.backup), { force: true });
    return { manifest: { version: 1, entries: manifest.entries.filter((e) => e.file !== file) }, value: undefined };
  });
}

export async function readBackup(env: NodeJS.ProcessEnv, entry: BackupEntry): Promise<Buffer> {
  if (!entry.backup) throw new RouterError('INTERNAL', `no backup recorded for ${entry.file}`);
  return readFile(join(setupBackupDir(env), entry.backup));
}
