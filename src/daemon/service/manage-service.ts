/**
 * Install, inspect and remove the OS startup service. Install writes the unit and its
 * environment file, then runs the manager's commands; if a command fails, the files are
 * put back as they were, so a failed install leaves nothing half-done.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { RouterError } from '../../errors/router-error.js';
import type { CommandResult, ServiceBackend, ServiceCommand, ServiceStatus } from './service-backend.js';
import { renderEnvFile, type ServiceEnvironment, type ServiceSpec } from './service-spec.js';
import { describeCommand, type CommandRunner } from './run-command.js';

export interface InstallPlan {
  kind: ServiceBackend['kind'];
  unitPath: string;
  unit: string;
  envFile: string;
  /** Names only: the values may be secrets. */
  envNames: string[];
  commands: string[];
  startNow: boolean;
}

export function planInstall(backend: ServiceBackend, spec: ServiceSpec, environment: ServiceEnvironment, startNow: boolean): InstallPlan {
  return {
    kind: backend.kind,
    unitPath: backend.unitPath,
    unit: backend.render(spec),
    envFile: spec.envFile,
    envNames: environment.entries.map(([name]) => name),
    commands: backend.installCommands(startNow).map(describeCommand),
    startNow,
  };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RouterError('IO', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
}

async function restore(path: string, previous: string | undefined): Promise<void> {
  if (previous === undefined) await rm(path, { force: true });
  else await writeFileAtomic(path, previous, { mode: 0o600 });
}

function failure(cmd: ServiceCommand, result: CommandResult, what: string): RouterError {
  const output = (result.stderr || result.stdout).trim().split('\n').slice(0, 4).join(' / ');
  if (result.exitCode === 127)
    return new RouterError(
      'NOT_AVAILABLE',
      `${cmd.command} is not available here, so the startup service cannot be managed (${what}); is ${cmd.command === 'systemctl' ? 'systemd' : 'launchd'} running for this user?`,
    );
  return new RouterError('IO', `${describeCommand(cmd)} failed with exit ${result.exitCode}${output ? `: ${output}` : ''} (${what})`);
}

async function runAll(commands: readonly ServiceCommand[], run: CommandRunner, what: string): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  for (const cmd of commands) {
    const result = await run(cmd);
    if (result.exitCode !== 0 && !cmd.allowFailure) throw failure(cmd, result, what);
    results.push(result);
  }
  return results;
}

export async function installService(backend: ServiceBackend, plan: InstallPlan, environment: ServiceEnvironment, run: CommandRunner): Promise<void> {
  const previousUnit = await readIfExists(plan.unitPath);
  const previousEnv = await readIfExists(plan.envFile);
  await mkdir(dirname(plan.unitPath), { recursive: true });
  await mkdir(dirname(plan.envFile), { recursive: true, mode: 0o700 });
  await writeFileAtomic(plan.envFile, renderEnvFile(environment.entries), { mode: 0o600 });
  await writeFileAtomic(plan.unitPath, plan.unit, { mode: 0o600 });
  try {
    await runAll(backend.installCommands(plan.startNow), run, `the unit was not installed; ${plan.unitPath} is as it was`);
  } catch (err) {
    await restore(plan.unitPath, previousUnit);
    await restore(plan.envFile, previousEnv);
    throw err;
  }
}

export interface ServiceReport extends ServiceStatus {
  kind: ServiceBackend['kind'];
  installed: boolean;
  unitPath: string;
}

export async function serviceStatus(backend: ServiceBackend, run: CommandRunner): Promise<ServiceReport> {
  const base = { kind: backend.kind, unitPath: backend.unitPath };
  if ((await readIfExists(backend.unitPath)) === undefined) return { ...base, installed: false, enabled: false, running: false, detail: 'not installed' };
  const results: Array<CommandResult | undefined> = [];
  for (const cmd of backend.statusCommands()) {
    const result = await run(cmd);
    if (result.exitCode === 127) return { ...base, installed: true, enabled: false, running: false, detail: `${cmd.command} is not available here` };
    results.push(result);
  }
  return { ...base, installed: true, ...backend.readStatus(results) };
}

/** Returns false when there was nothing to remove. */
export async function uninstallService(backend: ServiceBackend, envFile: string, run: CommandRunner, warn: (m: string) => void): Promise<boolean> {
  if ((await readIfExists(backend.unitPath)) === undefined) return false;
  await runAll(backend.stopCommands(), run, `nothing was removed; ${backend.unitPath} is still there`);
  await rm(backend.unitPath, { force: true });
  await rm(envFile, { force: true });
  for (const cmd of backend.afterRemoveCommands()) {
    const result = await run(cmd);
    if (result.exitCode !== 0) warn(`${describeCommand(cmd)} failed (exit ${result.exitCode}); the unit file is already removed`);
  }
  return true;
}
