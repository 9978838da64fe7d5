/**
 * The operations layer: one pure function per operation, `(config, input, ctx) -> outcome`,
 * shared by the CLI (flags) and the TUI (typed input). Side effects (locking, writing,
 * backups) belong to the store; randomness and time come in through the context.
 */
import type { z } from 'zod';
import type { Config } from '../schema.js';

export type FlagKind = 'string' | 'boolean' | 'number' | 'list' | 'json';

export interface FlagSpec {
  /** Flag name without dashes, as in `--provider-id`. */
  name: string;
  aliases?: readonly string[];
  /** Property of the operation's input this flag fills. */
  key: string;
  kind: FlagKind;
  description: string;
  /** Shown in help as the value placeholder. */
  value?: string;
}

export interface OperationContext {
  now: Date;
  randomBytes: (size: number) => Uint8Array;
  configPath: string;
  /** Whether the config file exists yet. */
  configExists: boolean;
}

export interface OperationOutcome<D = unknown> {
  /** The new config; absent when the operation changes nothing. */
  config?: Config;
  /** JSON-safe result for `--json` (secrets masked, except a key generated just now). */
  data: D;
  /** Human-readable result lines. */
  lines: string[];
  warnings?: string[];
  /** Whether the store should back up the current file first (default: only on migration). */
  backup?: boolean;
}

// The registry holds operations of every input type; `any` lets each keep its own.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Operation<I = any, D = unknown> {
  name: string;
  aliases: readonly string[];
  summary: string;
  mutates: boolean;
  flags: readonly FlagSpec[];
  /** Validates input from any front end (CLI flags after conversion, TUI forms). */
  input: z.ZodType<I>;
  run(config: Config, input: I, ctx: OperationContext): OperationOutcome<D>;
}

export function defineOperation<I, D>(op: Operation<I, D>): Operation<I, D> {
  return op;
}
