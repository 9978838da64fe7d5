/**
 * What an OS startup service runs: `node --env-file=<service.env> <cli> start --foreground …`.
 * Pure: paths, argv and the environment file's text are computed here; writing and
 * running commands happen in manage-service.ts.
 */
import { join } from 'node:path';
import { DAEMON_NODE_FLAGS } from '../node-flags.js';

export interface ServiceSettings {
  host: string;
  port: number;
  requireAuth: boolean;
  allowInsecureRemote: boolean;
  configPath: string;
}

export interface ServiceSpec {
  home: string;
  nodePath: string;
  cliPath: string;
  /** The environment file the service loads (0600; holds API keys named by the config). */
  envFile: string;
  /** The full command line, program first. */
  argv: string[];
}

export function buildServiceSpec(settings: ServiceSettings, where: { home: string; runtimeDir: string; nodePath: string; cliPath: string }): ServiceSpec {
  const envFile = join(where.runtimeDir, 'service.env');
  const argv = [
    where.nodePath,
    ...DAEMON_NODE_FLAGS,
    `--env-file=${envFile}`,
    where.cliPath,
    'start',
    '--foreground',
    `--host=${settings.host}`,
    `--port=${settings.port}`,
    `--require-auth=${settings.requireAuth}`,
    `--config=${settings.configPath}`,
    ...(settings.allowInsecureRemote ? ['--allow-insecure-remote=true'] : []),
  ];
  return { home: where.home, nodePath: where.nodePath, cliPath: where.cliPath, envFile, argv };
}

export interface ServiceEnvironment {
  /** Variables to write, in a stable order. */
  entries: Array<[string, string]>;
  /** Variables the config names (apiKeyEnv) that are not set in this shell. */
  missing: string[];
  /** Variables left out because their value cannot be written safely. */
  unwritable: string[];
}

const PLAIN = /^[A-Za-z0-9_.,:@%+=/\-~]*$/;

/**
 * The service starts outside the user's shell, so the variables the daemon reads must be
 * captured now: every LLM_ROUTER_* knob and every API-key variable the config names.
 */
export function collectServiceEnvironment(env: NodeJS.ProcessEnv, referenced: readonly string[]): ServiceEnvironment {
  const names = new Set<string>();
  for (const name of Object.keys(env)) if (name.startsWith('LLM_ROUTER_') && name !== 'LLM_ROUTER_CLI_PATH') names.add(name);
  for (const name of referenced) names.add(name);
  const entries: Array<[string, string]> = [];
  const missing: string[] = [];
  const unwritable: string[] = [];
  for (const name of [...names].sort()) {
    const value = env[name];
    if (value === undefined) missing.push(name);
    else if (/[\r\n]/.test(value) || (value.includes("'") && !PLAIN.test(value))) unwritable.push(name);
    else entries.push([name, value]);
  }
  entries.push(['LLM_ROUTER_MANAGED_BY_STARTUP', '1']);
  return { entries, missing, unwritable };
}

/** A dotenv file Node's --env-file reads: plain values bare, anything else single-quoted. */
export function renderEnvFile(entries: ReadonlyArray<[string, string]>): string {
  const lines = ['# Written by llm-router startup-install; read by the startup service (node --env-file).', '# Holds secrets: keep it mode 0600.'];
  for (const [name, value] of entries) lines.push(`${name}=${PLAIN.test(value) ? value : `'${value}'`}`);
  return `${lines.join('\n')}\n`;
}
