/**
 * `llm-router start`: spawn the gateway daemon detached and return once it answers
 * (`--foreground`: serve in this process until SIGINT/SIGTERM).
 */
import { RouterError } from '../../errors/router-error.js';
import { resolveConfigPath } from '../../config/paths.js';
import { readConfig } from '../../config/store.js';
import { stringFlag as flag, type RawFlags } from '../../config/operations/flags-to-input.js';
import { daemonPaths } from '../../daemon/paths.js';
import { nextSteps } from '../help.js';
import { writeLines, type Io } from '../io.js';
import { jsonLogLine, missingKeyVariables, missingKeyWarning, type DaemonLog } from '../../daemon/log-line.js';
import { packageVersion } from '../version.js';
import { checkExposure, parseStartOptions, rejectUnknownFlags } from './start-options.js';

const KNOWN = new Set(['host', 'port', 'require-auth', 'foreground', 'config', 'allow-insecure-remote', 'metrics-public', 'json', 'no-color']);

function endpointLines(base: string): string[] {
  return [`  Anthropic (Claude Code):  ANTHROPIC_BASE_URL=${base}/anthropic`, `  OpenAI Chat / Responses:  ${base}/openai/v1`];
}

export async function runStartCommand(flags: RawFlags, io: Io): Promise<number> {
  rejectUnknownFlags(flags, KNOWN, 'start');
  const options = parseStartOptions(flags);
  const { host, port, requireAuth } = options;
  const insecure = options.allowInsecureRemote;
  const configPath = resolveConfigPath(flag(flags, 'config'), io.env);
  const { config } = await readConfig(configPath);
  checkExposure(options, config);
  if (flags.foreground !== true) {
    const args = [
      `--host=${host}`,
      `--port=${port}`,
      `--require-auth=${requireAuth}`,
      `--config=${configPath}`,
      ...(insecure ? ['--allow-insecure-remote=true'] : []),
      ...(options.metricsPublic ? ['--metrics-public=true'] : []),
    ];
    const paths = daemonPaths(io.env);
    // Only the spawner: the gateway's modules load in the daemon, not in this short-lived process.
    const { spawnDaemon } = await import('../../daemon/spawn-daemon.js');
    const { data, alreadyRunning } = await spawnDaemon(paths, process.argv[1] ?? '', args, io.env);
    const base = `http://${data.host.includes(':') ? `[${data.host}]` : data.host}:${data.port}`;
    // A new daemon inherits this environment: warn about key variables it will not see.
    if (!alreadyRunning) for (const missing of missingKeyVariables(config.providers, io.env)) writeLines(io.stderr, [`warning: ${missingKeyWarning(missing)}`]);
    writeLines(io.stdout, [
      alreadyRunning
        ? `llm-router is already running (pid ${data.pid}) on ${base}; left as it is.`
        : `llm-router ${packageVersion()} started (pid ${data.pid}) on ${base}`,
      ...endpointLines(base),
      `  Logs: ${paths.log}; stop with: llm-router stop`,
      ...(config.providers.length === 0 ? ['', ...nextSteps(configPath, false), 'The running daemon picks up config changes by itself.'] : []),
    ]);
    return 0;
  }
  const { serve } = await import('../../daemon/serve.js');
  // Run by a person: lines for a person. Detached by `start` or run by the login service: JSON
  // lines like the gateway's own, so daemon.log is one format (and says nothing about Ctrl+C).
  const human = io.env.LLM_ROUTER_DETACHED !== '1' && io.env.LLM_ROUTER_MANAGED_BY_STARTUP !== '1';
  const log: DaemonLog = (level, msg, fields) =>
    writeLines(human ? io.stderr : io.stdout, [human ? `${level === 'info' ? '' : `${level}: `}${msg}` : jsonLogLine(level, msg, fields)]);
  const serveWith = (log: DaemonLog) =>
    serve({
      host,
      port,
      requireAuth,
      metricsPublic: options.metricsPublic,
      configPath,
      env: io.env,
      version: packageVersion(),
      log,
      onListening: (base, loaded, exists) => {
        const auth =
          loaded.masterKey && requireAuth ? 'required (master key)' : loaded.masterKey ? 'disabled (--require-auth=false)' : 'none (no master key set)';
        const missing = missingKeyVariables(loaded.providers, io.env);
        if (!human) {
          log('info', 'llm-router listening', {
            url: base,
            version: packageVersion(),
            configPath,
            configExists: exists,
            auth,
            providers: loaded.providers.length,
          });
          for (const m of missing) log('warn', missingKeyWarning(m), m);
          return;
        }
        writeLines(io.stdout, [
          `llm-router ${packageVersion()} listening on ${base}`,
          ...endpointLines(base),
          `  Config: ${configPath}${exists ? '' : ' (not created yet)'}; auth: ${auth}; changes to it apply live`,
          ...(loaded.providers.length === 0 ? ['', ...nextSteps(configPath, false)] : []),
          'Serving in the foreground; press Ctrl+C to stop.',
        ]);
        for (const m of missing) writeLines(io.stderr, [`warning: ${missingKeyWarning(m)}`]);
      },
    });
  try {
    await serveWith(log);
  } catch (err) {
    // The CLI prints the error for a person; detached, daemon.log gets it as a JSON line.
    if (human) throw err;
    log('error', (err as Error).message, err instanceof RouterError ? { code: err.code } : {});
    return err instanceof RouterError ? err.exitCode : 1;
  }
  if (human) writeLines(io.stdout, ['llm-router stopped.']);
  else log('info', 'llm-router stopped');
  return 0;
}
