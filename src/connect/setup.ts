/**
 * `setup`'s work, shared by the CLI and the TUI: plan an edit of a coding tool's config
 * (the new text and a diff, secrets masked), apply it (backup, then an atomic write that
 * keeps the file's mode), or undo it (the original bytes back, or the file removed).
 */
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { maskSecret } from '../config/mask.js';
import { writeFileAtomically } from '../config/save.js';
import { RouterError } from '../errors/router-error.js';
import { dropEntry, findEntry, readBackup, recordEdit, sha256, type BackupEntry } from './backups.js';
import { unifiedDiff } from './edit/unified-diff.js';
import type { EditContext, PathContext, Scope, ToolSpec } from './tools/types.js';

export interface SetupPlan {
  tool: ToolSpec;
  scope: Scope;
  file: string;
  /** The file's current bytes and mode; undefined when it does not exist. */
  original: { bytes: Buffer; mode: number } | undefined;
  after: string;
  changed: boolean;
  /** Unified diff with the master key masked. */
  diff: string[];
  notes: string[];
}

async function readExisting(file: string): Promise<{ bytes: Buffer; mode: number } | undefined> {
  try {
    const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
    return { bytes, mode: info.mode & 0o777 };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RouterError('IO', `cannot read ${file}: ${(err as Error).message}`, { file, cause: err });
  }
}

export function maskToken(lines: readonly string[], token: string | undefined): string[] {
  if (!token) return [...lines];
  const masked = maskSecret(token) ?? '***';
  return lines.map((l) => l.split(token).join(masked));
}

export async function planSetup(tool: ToolSpec, scope: Scope, paths: PathContext, ctx: EditContext): Promise<SetupPlan> {
  const file = tool.configPath(scope, paths);
  const original = await readExisting(file);
  const before = original?.bytes.toString('utf8');
  const after = tool.edit(before, ctx, file);
  return {
    tool,
    scope,
    file,
    original,
    after,
    changed: after !== before,
    diff: maskToken(unifiedDiff(before, after, file), ctx.token),
    notes: tool.notes(ctx, before),
  };
}

export async function applySetup(plan: SetupPlan, env: NodeJS.ProcessEnv, now = new Date()): Promise<BackupEntry | undefined> {
  if (!plan.changed) return findEntry(env, plan.file);
  const entry = await recordEdit(env, { tool: plan.tool.id, scope: plan.scope, file: plan.file }, plan.original, plan.after, now);
  await mkdir(dirname(plan.file), { recursive: true, mode: 0o700 });
  await writeFileAtomically(plan.file, plan.after, plan.original?.mode ?? 0o600);
  return entry;
}

export interface UndoResult {
  file: string;
  action: 'restored' | 'removed';
  entry: BackupEntry;
}

export async function undoSetup(tool: ToolSpec, scope: Scope, paths: PathContext, force: boolean): Promise<UndoResult> {
  const file = tool.configPath(scope, paths);
  const entry = await findEntry(paths.env, file);
  if (!entry) throw new RouterError('NOT_FOUND', `nothing to undo: llm-router setup has not edited ${file}`, { file });
  const current = await readExisting(file);
  if (!force && (!current || sha256(current.bytes) !== entry.writtenSha256)) {
    throw new RouterError(
      'INVALID_INPUT',
      `${file} ${current ? 'was changed' : 'was removed'} after setup wrote it; --undo --force puts back the original from ${entry.at} anyway (nothing was written)`,
      { file },
    );
  }
  if (entry.existed) {
    await writeFileAtomically(file, await readBackup(paths.env, entry), entry.mode ?? 0o600);
  } else {
    await rm(file, { force: true });
  }
  await dropEntry(paths.env, file);
  return { file, action: entry.existed ? 'restored' : 'removed', entry };
}
