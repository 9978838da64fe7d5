/** `llm-router ai-help`: the brief an AI agent reads before operating the router for its user. */
import { RouterError } from '../../errors/router-error.js';
import { stringFlag, parseBoolean, type RawFlags } from '../../config/operations/flags-to-input.js';
import { resolveConfigPath } from '../../config/paths.js';
import { readConfig } from '../../config/store.js';
import { createDaemonClient } from '../../daemon/daemon-client.js';
import { DEFAULT_GATE_TIMEOUT_MS } from '../../connect/gate/run-gate.js';
import { maskToken } from '../../connect/setup.js';
import { COMMANDS } from '../help.js';
import { writeLines, type Io } from '../io.js';
import { packageVersion } from '../version.js';
import { collect } from '../ai-help/collect.js';
import { renderJson, renderText } from '../ai-help/render.js';
import { rejectUnknownFlags } from './start-options.js';

export function parseTimeout(flags: RawFlags): number {
  const text = stringFlag(flags, 'live-test-timeout-ms');
  if (text === undefined) return DEFAULT_GATE_TIMEOUT_MS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 500 || n > 60_000)
    throw new RouterError('USAGE', `--live-test-timeout-ms must be a whole number from 500 to 60000, got ${JSON.stringify(text)}`);
  return n;
}

export async function runAiHelpCommand(flags: RawFlags, io: Io): Promise<number> {
  rejectUnknownFlags(flags, COMMANDS['ai-help']?.flags ?? [], 'ai-help');
  const timeoutMs = parseTimeout(flags);
  const skipLiveTest = flags['skip-live-test'] === undefined ? false : parseBoolean(flags['skip-live-test'], 'skip-live-test');
  const token = stringFlag(flags, 'gateway-auth-token');
  const configPath = resolveConfigPath(stringFlag(flags, 'config'), io.env);
  const daemon = createDaemonClient({ env: io.env, cliPath: process.argv[1] ?? '', configPath });
  const report = await collect({ configPath, env: io.env, cwd: process.cwd(), daemon, skipLiveTest, timeoutMs, token });
  // Belt and braces: no secret the config or the flags hold may appear, whatever a probe echoed.
  const { config } = await readConfig(configPath);
  const secrets = [token, config.masterKey, ...config.providers.map((p) => p.apiKey)].filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const scrub = (lines: string[]) => secrets.reduce((acc, s) => maskToken(acc, s), lines);
  if (flags.json === true) writeLines(io.stdout, scrub([JSON.stringify(renderJson(report, packageVersion()), null, 2)]));
  else writeLines(io.stdout, scrub(renderText(report, packageVersion())));
  return 0;
}
