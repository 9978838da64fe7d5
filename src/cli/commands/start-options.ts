/** The serving options `start` and `startup-install` share, parsed and checked the same way. */
import { RouterError } from '../../errors/router-error.js';
import { didYouMean } from '../../config/suggest.js';
import type { Config } from '../../config/schema.js';
import { parseBoolean, stringFlag as flag, type RawFlags } from '../../config/operations/flags-to-input.js';

export interface StartOptions {
  host: string;
  port: number;
  requireAuth: boolean;
  allowInsecureRemote: boolean;
  /** GET /metrics answers without the master key. */
  metricsPublic: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Flags every command takes. */
export const GLOBAL_COMMAND_FLAGS = ['config', 'json', 'no-color', 'color', 'help', 'h'] as const;

export function rejectUnknownFlags(flags: RawFlags, known: ReadonlySet<string> | readonly string[], where: string): void {
  const accepted = new Set([...known, ...GLOBAL_COMMAND_FLAGS]);
  for (const name of Object.keys(flags)) {
    if (accepted.has(name)) continue;
    const listed = [...known].filter((k) => !['help', 'h', 'color'].includes(k)).map((k) => `--${k}`);
    throw new RouterError(
      'USAGE',
      `unknown option --${name} for ${where}${didYouMean(name, accepted, '--')} (accepted: ${listed.join(', ') || 'only the global flags'})`,
    );
  }
}

export function parseStartOptions(flags: RawFlags): StartOptions {
  const host = flag(flags, 'host') ?? '127.0.0.1';
  const portText = flag(flags, 'port') ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RouterError('USAGE', `--port must be a whole number from 0 to 65535, got ${JSON.stringify(portText)}`);
  const requireAuth = flags['require-auth'] === undefined ? true : parseBoolean(flags['require-auth'], 'require-auth');
  const allowInsecureRemote = flags['allow-insecure-remote'] === undefined ? false : parseBoolean(flags['allow-insecure-remote'], 'allow-insecure-remote');
  const metricsPublic = flags['metrics-public'] === undefined ? false : parseBoolean(flags['metrics-public'], 'metrics-public');
  return { host, port, requireAuth, allowInsecureRemote, metricsPublic };
}

/** A non-loopback listener without a required master key would hand out the user's provider credits. */
export function checkExposure(options: StartOptions, config: Config): void {
  if (LOOPBACK.test(options.host) || (config.masterKey && options.requireAuth) || options.allowInsecureRemote) return;
  throw new RouterError(
    'USAGE',
    `refusing to listen on ${options.host} without a master key: ` +
      `anyone who can reach it could spend your provider credits. Set one (llm-router config --operation=set-master-key --generate-master-key=true) or pass --allow-insecure-remote=true`,
  );
}
