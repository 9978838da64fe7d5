/**
 * `config --operation=startup-install|startup-status|startup-uninstall`: the OS startup
 * service (systemd user unit on Linux, launchd agent on macOS) that runs
 * `llm-router start --foreground` at login. Not a config edit, so it lives beside the
 * daemon commands rather than in the pure operations registry.
 */
import { realpathSync } from 'node:fs';
import { homeDir, resolveConfigPath, runtimeDir } from '../../config/paths.js';
import { readConfig } from '../../config/store.js';
import { parseBoolean, stringFlag as flag, type RawFlags } from '../../config/operations/flags-to-input.js';
import { daemonPaths } from '../../daemon/paths.js';
import { probeDaemon } from '../../daemon/probe.js';
import { installService, planInstall, serviceStatus, uninstallService } from '../../daemon/service/manage-service.js';
import { describeCommand, runCommand, type CommandRunner } from '../../daemon/service/run-command.js';
import { selectBackend } from '../../daemon/service/select-backend.js';
import { buildServiceSpec, collectServiceEnvironment } from '../../daemon/service/service-spec.js';
import type { StartupOperation } from '../help.js';
import { colorsFor, writeLines, type Io } from '../io.js';
import { checkExposure, parseStartOptions, rejectUnknownFlags } from './start-options.js';

const COMMON = ['operation', 'op', 'config', 'json', 'no-color', 'color'];
const KNOWN: Record<StartupOperation, ReadonlySet<string>> = {
  'startup-install': new Set([...COMMON, 'host', 'port', 'require-auth', 'allow-insecure-remote', 'dry-run', 'watch-config', 'watch-binary']),
  'startup-status': new Set(COMMON),
  'startup-uninstall': new Set([...COMMON, 'dry-run']),
};

export interface StartupDeps {
  platform?: NodeJS.Platform;
  uid?: number;
  run?: CommandRunner;
  cliPath?: string;
}

function cliPathFor(io: Io, deps: StartupDeps): string {
  if (deps.cliPath) return deps.cliPath;
  if (io.env.LLM_ROUTER_CLI_PATH) return io.env.LLM_ROUTER_CLI_PATH;
  const script = process.argv[1] ?? '';
  try {
    return realpathSync(script);
  } catch {
    return script;
  }
}

export async function runStartupOperation(name: StartupOperation, flags: RawFlags, io: Io, deps: StartupDeps = {}): Promise<number> {
  rejectUnknownFlags(flags, KNOWN[name], `--operation=${name}`);
  const home = homeDir(io.env);
  const backend = selectBackend(deps.platform ?? process.platform, home, deps.uid ?? process.getuid?.() ?? 0);
  const run = deps.run ?? runCommand;
  const dryRun = flags['dry-run'] === undefined ? false : parseBoolean(flags['dry-run'], 'dry-run');
  const configPath = resolveConfigPath(flag(flags, 'config'), io.env);
  const json = flags.json === true;
  const c = colorsFor(io.stdout, io.env, flags);
  const warnings: string[] = [];
  const emit = (result: Record<string, unknown>, lines: string[]) => {
    if (json)
      io.stdout.write(
        `${JSON.stringify({ ok: true, operation: name, configPath, written: !dryRun && name !== 'startup-status', warnings, result }, null, 2)}\n`,
      );
    else writeLines(io.stdout, lines);
    const e = colorsFor(io.stderr, io.env, flags);
    writeLines(
      io.stderr,
      warnings.map((w) => `${e.yellow('warning:')} ${w}`),
    );
    return 0;
  };

  if (name === 'startup-status') {
    const report = await serviceStatus(backend, run);
    const daemon = await probeDaemon(daemonPaths(io.env));
    const lines = report.installed
      ? [
          c.bold(`Startup service: installed (${report.kind})`),
          `  Unit: ${report.unitPath}`,
          `  Enabled: ${report.enabled ? 'yes' : 'no'}; running: ${report.running ? 'yes' : 'no'} (${report.detail})`,
        ]
      : [c.bold('Startup service: not installed'), `  Install with: llm-router config --operation=startup-install`];
    lines.push(daemon ? `  Gateway: running (pid ${daemon.pid}) on http://${daemon.host}:${daemon.port}` : '  Gateway: not running');
    return emit({ ...report, daemon: daemon ? { pid: daemon.pid, host: daemon.host, port: daemon.port } : null }, lines);
  }

  if (name === 'startup-uninstall') {
    if (dryRun) {
      const commands = [...backend.stopCommands(), ...backend.afterRemoveCommands()].map(describeCommand);
      return emit({ kind: backend.kind, unitPath: backend.unitPath, commands, dryRun: true }, [
        c.bold('Dry run: nothing changed.'),
        `Would remove ${backend.unitPath} and ${runtimeDir(io.env)}/service.env, running:`,
        ...commands.map((cmd) => `  ${cmd}`),
      ]);
    }
    const removed = await uninstallService(backend, `${runtimeDir(io.env)}/service.env`, run, (m) => warnings.push(m));
    return emit({ kind: backend.kind, unitPath: backend.unitPath, removed }, [
      removed ? c.green(`Startup service removed (${backend.unitPath}).`) : `No startup service installed (${backend.unitPath} does not exist); nothing to do.`,
    ]);
  }

  const options = parseStartOptions(flags);
  if (flags['watch-binary'] !== undefined && parseBoolean(flags['watch-binary'], 'watch-binary'))
    warnings.push('--watch-binary is not supported; restart the service after upgrading llm-router');
  if (flags['watch-config'] !== undefined && !parseBoolean(flags['watch-config'], 'watch-config'))
    warnings.push('the gateway always watches its config; --watch-config=false is ignored');
  const { config } = await readConfig(configPath);
  checkExposure(options, config);
  const referenced = config.providers.filter((p) => p.enabled !== false && p.apiKeyEnv).map((p) => p.apiKeyEnv as string);
  const environment = collectServiceEnvironment(io.env, referenced);
  for (const v of environment.missing)
    warnings.push(`$${v} is named by the config but not set in this shell, so the service starts without it; set it and run startup-install again`);
  for (const v of environment.unwritable) warnings.push(`$${v} contains characters an environment file cannot hold, so the service starts without it`);
  const spec = buildServiceSpec(
    { ...options, configPath },
    { home, runtimeDir: runtimeDir(io.env), nodePath: process.execPath, cliPath: cliPathFor(io, deps) },
  );
  const running = await probeDaemon(daemonPaths(io.env));
  const plan = planInstall(backend, spec, environment, !running);
  const envLine = `  Environment: ${plan.envFile} (mode 0600): ${plan.envNames.join(', ')}`;
  if (dryRun) {
    return emit({ ...plan, dryRun: true }, [
      c.bold('Dry run: nothing changed.'),
      `Would write ${plan.unitPath}:`,
      '',
      ...plan.unit
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
      '',
      envLine,
      'Would run:',
      ...plan.commands.map((cmd) => `  ${cmd}`),
    ]);
  }
  await installService(backend, plan, environment, run);
  return emit({ ...plan, dryRun: false }, [
    c.green(`Startup service installed (${plan.kind}): ${plan.unitPath}`),
    `  Runs: ${spec.argv.join(' ')}`,
    envLine,
    running
      ? `  A gateway is already running (pid ${running.pid}) and keeps serving; the service takes over at next login. To hand over now: llm-router stop && ${backend.manualStart}`
      : '  Started now; check with: llm-router status',
  ]);
}
