/** `llm-router config --operation=OP ...`: flags -> operation -> store -> output. */
import { RouterError } from '../../errors/router-error.js';
import { resolveConfigPath } from '../../config/paths.js';
import { executeOperation } from '../../config/operations/execute.js';
import { flagsToInput, stringFlag as flagString, type RawFlags } from '../../config/operations/flags-to-input.js';
import { OPERATIONS, findOperation } from '../../config/operations/registry.js';
import { configHelp, isStartupOperation, operationHelp, startupHelp } from '../help.js';
import { colorsFor, writeLines, type Io } from '../io.js';
import { runLiveStep } from './live-step.js';

export async function runConfigCommand(flags: RawFlags, positionals: readonly string[], io: Io): Promise<number> {
  if (positionals.length > 0) throw new RouterError('USAGE', `unexpected argument "${positionals[0]}"; operations are chosen with --operation=NAME`);
  const opName = flagString(flags, 'operation') ?? flagString(flags, 'op');
  if (opName !== undefined && isStartupOperation(opName)) {
    if (flags.help === true) {
      writeLines(io.stdout, [`Usage: llm-router config --operation=${opName} [flags] [--json]`, '', ...startupHelp(opName)]);
      return 0;
    }
    const { runStartupOperation } = await import('./startup-command.js');
    return runStartupOperation(opName, flags, io);
  }
  if (flags.help === true) {
    writeLines(
      io.stdout,
      opName
        ? ['Usage: llm-router config --operation=' + findOperation(opName).name + ' [flags] [--json]', '', ...operationHelp(findOperation(opName))]
        : configHelp(OPERATIONS),
    );
    return 0;
  }
  const op = findOperation(opName ?? 'list');
  const configPath = resolveConfigPath(flagString(flags, 'config'), io.env);
  const live = await runLiveStep(op, flagsToInput(op, flags), configPath, io, flags.json === true);
  const result = await executeOperation(op, live.input, { configPath, env: io.env });
  if (live.report) {
    const { reportLines } = await import('../../probe/probe-report.js');
    result.data = { ...(result.data as Record<string, unknown>), probe: live.report };
    result.lines.push(...reportLines(live.report));
    for (const f of live.report.failures) result.warnings.push(`not saved: ${f.what} (${f.kind ?? 'failed'})`);
  }
  if (flags.json === true) {
    const doc: Record<string, unknown> = { ok: true, operation: result.operation, configPath: result.configPath, written: result.written };
    if (result.backupPath) doc.backupPath = result.backupPath;
    if (result.migratedFrom !== undefined) doc.migratedFrom = result.migratedFrom;
    doc.warnings = result.warnings;
    doc.result = result.data;
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  }
  const c = colorsFor(io.stdout, io.env, flags);
  const [first, ...rest] = result.lines;
  writeLines(io.stdout, first === undefined ? [] : [op.mutates ? c.green(first) : c.bold(first), ...rest]);
  if (op.mutates) {
    const notes: string[] = [];
    if (result.migratedFrom !== undefined) notes.push(`Config upgraded from version ${result.migratedFrom} to 2.`);
    if (result.backupPath) notes.push(`Backup: ${result.backupPath}`);
    if (!result.written) notes.push('Nothing changed; the config file was not rewritten.');
    writeLines(
      io.stdout,
      notes.map((n) => c.dim(n)),
    );
  }
  const e = colorsFor(io.stderr, io.env, flags);
  writeLines(
    io.stderr,
    result.warnings.map((w) => `${e.yellow('warning:')} ${w}`),
  );
  return 0;
}
