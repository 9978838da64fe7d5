/** CLI flags -> an operation's input object, with precise usage errors. */
import { didYouMean } from '../suggest.js';
import { RouterError } from '../../errors/router-error.js';
import type { Operation } from './types.js';

export type RawFlags = Readonly<Record<string, string | true>>;

const TRUE = new Set(['true', '1', 'yes', 'y', 'on']);
const FALSE = new Set(['false', '0', 'no', 'n', 'off']);

export function parseBoolean(value: string | true, flag: string): boolean {
  if (value === true) return true;
  const lower = value.trim().toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  throw new RouterError('USAGE', `--${flag} expects true or false (also 1/0, yes/no, on/off), got ${JSON.stringify(value)}`);
}

/** Splits a list flag on commas, semicolons and newlines; blanks are dropped. */
export function splitList(value: string): string[] {
  return value
    .split(/[,;\n\r]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function convert(op: Operation, flag: string, kind: string, value: string | true): unknown {
  if (kind === 'boolean') return parseBoolean(value, flag);
  if (value === true) throw new RouterError('USAGE', `--${flag} needs a value (--${flag}=...)`);
  switch (kind) {
    case 'number': {
      const n = Number(value.trim());
      if (value.trim() === '' || !Number.isFinite(n)) throw new RouterError('USAGE', `--${flag} expects a number, got ${JSON.stringify(value)}`);
      return n;
    }
    case 'list':
      return splitList(value);
    case 'json':
      try {
        return JSON.parse(value) as unknown;
      } catch (err) {
        throw new RouterError('USAGE', `--${flag} is not valid JSON: ${(err as Error).message}`);
      }
    default:
      return value;
  }
}

/** A string-valued flag, or undefined when absent; a bare `--name` is a usage error. */
export function stringFlag(flags: RawFlags, name: string): string | undefined {
  const value = flags[name];
  if (value === true) throw new RouterError('USAGE', `--${name} needs a value (--${name}=...)`);
  return value;
}

/** Flags every `config` operation accepts besides its own. */
export const GLOBAL_FLAGS = new Set(['operation', 'op', 'config', 'json', 'help', 'h', 'color', 'no-color']);

export function flagsToInput(op: Operation, flags: RawFlags): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const seenBy: Record<string, string> = {};
  for (const [given, value] of Object.entries(flags)) {
    if (GLOBAL_FLAGS.has(given)) continue;
    const spec = op.flags.find((f) => f.name === given || f.aliases?.includes(given));
    if (!spec) {
      const known = op.flags.map((f) => `--${f.name}`).join(', ');
      const names = [...op.flags.flatMap((f) => [f.name, ...(f.aliases ?? [])]), ...GLOBAL_FLAGS];
      throw new RouterError(
        'USAGE',
        `unknown option --${given} for --operation=${op.name}${didYouMean(given, names, '--')} (accepted: ${known || 'only --json and --config'})`,
      );
    }
    if (seenBy[spec.key] !== undefined) throw new RouterError('USAGE', `--${given} and --${seenBy[spec.key]} both set the same thing; give one`);
    seenBy[spec.key] = given;
    input[spec.key] = convert(op, given, spec.kind, value);
  }
  return input;
}

/** The flag name that fills an input key, for error messages. */
export function flagForKey(op: Operation, key: string | number | undefined): string | undefined {
  const spec = op.flags.find((f) => f.key === key);
  return spec ? `--${spec.name}` : undefined;
}
