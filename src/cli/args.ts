/**
 * argv -> command, positionals and flags, with the seed's syntax: `--key=value`,
 * `--key value` (when the value does not start with "-"), and bare `--flag` = true.
 * Written by hand because option libraries either need every flag declared up front
 * or will not let a boolean take `=false`; see docs/decisions/0002-argument-parsing.md.
 */
export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  flags: Record<string, string | true>;
}

/** Flags that never take a separate value, so `--json list` does not swallow "list". */
const BARE_ONLY = new Set(['json', 'help', 'version', 'foreground', 'no-color', 'h', 'v', 'dry-run', 'undo', 'force', 'skip-live-test']);
const SHORT: Record<string, string> = { '-h': 'help', '-v': 'version', '-V': 'version' };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const short = SHORT[arg];
    if (short) {
      flags[short] = true;
      continue;
    }
    if (!arg.startsWith('--') || arg.length === 2) {
      positionals.push(arg);
      continue;
    }
    const body = arg.slice(2);
    const eq = body.indexOf('=');
    if (eq !== -1) {
      flags[body.slice(0, eq)] = body.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (!BARE_ONLY.has(body) && next !== undefined && !next.startsWith('-')) {
      flags[body] = next;
      i += 1;
    } else {
      flags[body] = true;
    }
  }
  let command = positionals.shift();
  if (command === 'help') {
    flags.help = true;
    command = positionals.shift();
  }
  // The seed's `setup` is `config`; ours is `setup <tool>`, so only `setup --operation=...` stays `config`.
  if (command === 'setup' && (flags.operation !== undefined || flags.op !== undefined)) command = 'config';
  return { command, positionals, flags };
}
