/**
 * Runs one operation against the config file: validates input, then reads (read-only
 * operations) or updates under the lock (mutating ones). Front ends call only this.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { RouterError } from '../../errors/router-error.js';
import { readConfig, updateConfig } from '../store.js';
import { flagForKey } from './flags-to-input.js';
import type { Operation, OperationContext, OperationOutcome } from './types.js';

export interface ExecuteOptions {
  configPath: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  randomBytes?: (size: number) => Uint8Array;
}

export interface ExecuteResult {
  operation: string;
  configPath: string;
  written: boolean;
  backupPath?: string;
  migratedFrom?: number;
  data: unknown;
  lines: string[];
  warnings: string[];
}

export function parseOperationInput<I>(op: Operation<I>, raw: unknown): I {
  const parsed = op.input.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path[0];
    const flag = flagForKey(op, typeof key === 'symbol' ? undefined : key) ?? (typeof key === 'string' ? key : 'input');
    return `${flag}: ${issue.message}`;
  });
  throw new RouterError('INVALID_INPUT', `${problems.join('; ')} (--operation=${op.name})`, { details: problems });
}

export async function executeOperation(op: Operation, rawInput: unknown, options: ExecuteOptions): Promise<ExecuteResult> {
  const input = parseOperationInput(op, rawInput);
  const now = options.now ?? (() => new Date());
  const context = (exists: boolean): OperationContext => ({
    now: now(),
    randomBytes: options.randomBytes ?? ((n) => nodeRandomBytes(n)),
    configPath: options.configPath,
    configExists: exists,
  });
  const finish = (outcome: OperationOutcome, extra: Partial<ExecuteResult> & { written: boolean }): ExecuteResult => ({
    operation: op.name,
    configPath: options.configPath,
    data: outcome.data,
    lines: outcome.lines,
    warnings: outcome.warnings ?? [],
    ...extra,
  });
  if (!op.mutates) {
    const snapshot = await readConfig(options.configPath);
    return finish(op.run(snapshot.config, input, context(snapshot.exists)), { written: false });
  }
  const result = await updateConfig(
    options.configPath,
    (snapshot) => {
      const outcome = op.run(snapshot.config, input, context(snapshot.exists));
      return { config: outcome.config, value: outcome, ...(outcome.backup === undefined ? {} : { backup: outcome.backup }) };
    },
    { ...(options.env ? { env: options.env } : {}), now },
  );
  const extra: Partial<ExecuteResult> & { written: boolean } = { written: result.written };
  if (result.backupPath) extra.backupPath = result.backupPath;
  if (result.migratedFrom !== undefined) extra.migratedFrom = result.migratedFrom;
  return finish(result.value, extra);
}
