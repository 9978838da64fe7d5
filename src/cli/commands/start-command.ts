/**
 * `llm-router start`: spawn the gateway daemon detached and return once it answers
 * (`--foreground`: serve in this process until SIGINT/SIGTERM).
 */
import { RouterError } from '../../errors/router-error.js';
import { resolveConfigPath } from '../../config/paths.js';
import { readConfig } from '../../config/store.js';
import { parseBoolean, stringFlag as flag, type RawFlags } from '../../config/operations/flags-to-input.js';
import { daemonPaths } from '../../daemon/paths.js';
import { nextSteps } from '../help.js';
import { writeLines, type Io } from '../io.js';
import { packageVersion } from '../version.js';

const KNOWN = new Set(['host', 'port', 'require-auth', 'foreground', 'config', 'allow-insecure-remote', 'json', 'no-color']);
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function endpointLines(base: string): string[] {
  return [`  Anthropic (Claude Code):  ANTHROPIC_BASE_URL=${base}/anthropic`, `  OpenAI Chat / Responses:  ${base}/openai/v1`];
}

export async function runStartCommand(flags: RawFlags, io: Io): Promise<number> {
  for (const name of Object.keys(flags)) if (!KNOWN.has(name)) throw new RouterError('USAGE', `unknown option --${name} for start (accepted: ${[...KNOWN].map((k) => `--${k}`).join(', ')})`);
  const host = flag(flags, 'host') ?? '127.0.0.1';
  const portText = flag(flags, 'port') ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RouterError('USAGE', `--port must be a whole number from 0 to 65535, got ${JSON.stringify(portText)}`);
  const requireAuth = flags['require-auth'] === undefined ? true : parseBoolean(flags['require-auth'], 'require-auth');
  const insecure = flags['allow-insecure-remote'] === undefined ? false : parseBoolean(flags['allow-insecure-remote'], 'allow-insecure-remote');
  const configPath = resolveConfigPath(flag(flags, 'config'), io.env);
  const { config } = await readConfig(configPath);
  if (!LOOPBACK.test(host) && (!config.masterKey || !requireAuth) && !insecure) {
    throw new RouterError('USAGE', `refusing to listen on ${host} without a master key: anyone who can reach it could spend your provider credits. Set one (llm-router config --operation=set-master-key --generate-master-key=true) or pass --allow-insecure-remote=true`);
  }
  if (flags.foreground !== true) {
    const args = [`--host=${host}`, `--port=${port}`, `--require-auth=${requireAuth}`, `--config=${configPath}`, ...(insecure ? ['--allow-insecure-remote=true'] : [])];
    const paths = daemonPaths(io.env);
    // Only the spawner: the gateway's modules load in the daemon, not in this short-lived process.
    const { spawnDaemon } = await import('../../daemon/spawn-daemon.js');
    const { data, alreadyRunning } = await spawnDaemon(paths, process.argv[1] ?? '', args, io.env);
    const base = `http://${data.host.includes(':') ? `[${data.host}]` : data.host}:${data.port}`;
    writeLines(io.stdout, [
      alreadyRunning ? `llm-router is already running (pid ${data.pid}) on ${base}; left as it is.` : `llm-router ${packageVersion()} started (pid ${data.pid}) on ${base}`,
      ...endpointLines(base),
      `  Logs: ${paths.log}; stop with: llm-router stop`,
      ...(config.providers.length === 0 ? ['', ...nextSteps(configPath, false), 'The running daemon picks up config changes by itself.'] : []),
    ]);
    return 0;
  }
  const { serve } = await import('../../daemon/serve.js');
  await serve({
    host,
    port,
    requireAuth,
    configPath,
    env: io.env,
    version: packageVersion(),
    log: (line) => writeLines(io.stderr, [line]),
    onListening: (base, loaded, exists) => {
      const auth = loaded.masterKey && requireAuth ? 'required (master key)' : loaded.masterKey ? 'disabled (--require-auth=false)' : 'none (no master key set)';
      writeLines(io.stdout, [
        `llm-router ${packageVersion()} listening on ${base}`,
        ...endpointLines(base),
        `  Config: ${configPath}${exists ? '' : ' (not created yet)'}; auth: ${auth}; changes to it apply live`,
        ...(loaded.providers.length === 0 ? ['', ...nextSteps(configPath, false)] : []),
        'Serving in the foreground; press Ctrl+C to stop.',
      ]);
    },
  });
  writeLines(io.stdout, ['llm-router stopped.']);
  return 0;
}
