/** The CLI entry: argv -> command. Heavy modules load lazily so `--version` stays instant. */
import { parseArgs } from './args.js';
import { colorsFor, writeLines, type Io } from './io.js';
import { packageVersion } from './version.js';
import { existsSync } from 'node:fs';
import { resolveConfigPath } from '../config/paths.js';
import { COMMANDS, commandHelp, mainHelp, nextSteps } from './help.js';

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.version === true && args.command === undefined) {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (args.command === undefined) {
    const configPath = resolveConfigPath(typeof args.flags.config === 'string' ? args.flags.config : undefined, io.env);
    if (!args.flags.help && io.stdinIsTTY && io.stdout.isTTY) {
      const color = colorsFor(io.stdout, io.env, args.flags).isColorSupported;
      // Ink's colour library reads this when it loads.
      if (!color) process.env.FORCE_COLOR = '0';
      const { runTui } = await (await import('./load-tui.js')).loadTui();
      return runTui({ configPath, env: io.env, cliPath: process.argv[1] ?? '', color });
    }
    writeLines(io.stdout, mainHelp(packageVersion()));
    if (args.flags.help) return 0;
    writeLines(io.stdout, ['', ...nextSteps(configPath, existsSync(configPath))]);
    return 0;
  }
  if (args.command === 'config') {
    const { runConfigCommand } = await import('./commands/config-command.js');
    return runConfigCommand(args.flags, args.positionals, io);
  }
  if (args.command === 'start' && args.flags.help !== true) {
    const { runStartCommand } = await import('./commands/start-command.js');
    return runStartCommand(args.flags, io);
  }
  if ((args.command === 'status' || args.command === 'stop' || args.command === 'reload') && args.flags.help !== true) {
    const { rejectUnknownFlags } = await import('./commands/start-options.js');
    rejectUnknownFlags(args.flags, COMMANDS[args.command]?.flags ?? [], args.command);
    const daemon = await import('./commands/daemon-commands.js');
    const run = { status: daemon.runStatusCommand, stop: daemon.runStopCommand, reload: daemon.runReloadCommand }[args.command];
    return run(args.flags, io);
  }
  if (args.command === 'setup' && args.flags.help !== true) {
    return (await import('./commands/setup-command.js')).runSetupCommand(args.flags, args.positionals, io);
  }
  if (args.command === 'deploy' && args.flags.help !== true) return (await import('./commands/deploy-command.js')).runDeployCommand(args.flags, io);
  if (args.command === 'worker-key' && args.flags.help !== true) return (await import('./commands/worker-key-command.js')).runWorkerKeyCommand(args.flags, io);
  if (args.command === 'ai-help' && args.flags.help !== true) return (await import('./commands/ai-help-command.js')).runAiHelpCommand(args.flags, io);
  if (args.command === 'logs' && args.flags.help !== true) return (await import('./commands/logs-command.js')).runLogsCommand(args.flags, io);
  if (args.command === 'usage' && args.flags.help !== true) return (await import('./commands/usage-command.js')).runUsageCommand(args.flags, io);
  const { RouterError } = await import('../errors/router-error.js');
  const entry = COMMANDS[args.command];
  if (!entry) {
    const { didYouMean } = await import('../config/suggest.js');
    throw new RouterError(
      'USAGE',
      `unknown command "${args.command}"${didYouMean(args.command, Object.keys(COMMANDS))}; commands: ${Object.keys(COMMANDS).join(', ')} (llm-router --help)`,
    );
  }
  // Every command is dispatched above unless --help was asked for.
  writeLines(io.stdout, commandHelp(args.command));
  return 0;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    const { isRouterError } = await import('../errors/router-error.js');
    const json = argv.includes('--json');
    const c = colorsFor(io.stderr, io.env, { 'no-color': argv.includes('--no-color') });
    if (isRouterError(err)) {
      if (json) io.stdout.write(`${JSON.stringify({ ok: false, error: err.toJSON() }, null, 2)}\n`);
      const extra = err.details.length > 1 ? err.details.map((d) => `  ${d}`) : [];
      writeLines(io.stderr, [`${c.red('error:')} ${err.message}`, ...extra]);
      return err.exitCode;
    }
    const message = err instanceof Error ? (io.env.LLM_ROUTER_DEBUG ? (err.stack ?? err.message) : err.message) : String(err);
    if (json) io.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'INTERNAL', message } }, null, 2)}\n`);
    writeLines(io.stderr, [`${c.red('internal error:')} ${message}`, 'This is a bug in llm-router; please report it with the command you ran.']);
    return 1;
  }
}
