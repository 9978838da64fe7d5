/**
 * `llm-router start`: serve the gateway on --host/--port until SIGINT/SIGTERM. Detached
 * start (the daemon) arrives in a later release; until then start always serves in the
 * foreground and says so.
 */
import { RouterError } from '../../errors/router-error.js';
import { readConfig } from '../../config/store.js';
import { resolveConfigPath } from '../../config/paths.js';
import { createApp } from '../../gateway/create-app.js';
import { shutdownGateway } from '../../gateway/shutdown.js';
import { runtimeOptionsFromEnv } from '../../gateway/runtime-options.js';
import { createUpstreamClient } from '../../upstream/client.js';
import { openFileState } from '../../gateway/file-routing-state.js';
import { createRoutingRuntime } from '../../gateway/routing-runtime.js';
import { runtimeDir } from '../../config/paths.js';
import { join } from 'node:path';
import { parseBoolean, type RawFlags } from '../../config/operations/flags-to-input.js';
import { nextSteps } from '../help.js';
import { writeLines, type Io } from '../io.js';
import { packageVersion } from '../version.js';

const KNOWN = new Set(['host', 'port', 'require-auth', 'foreground', 'config', 'allow-insecure-remote', 'json', 'no-color']);
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function flag(flags: RawFlags, name: string): string | undefined {
  const value = flags[name];
  if (value === true) throw new RouterError('USAGE', `--${name} needs a value (--${name}=...)`);
  return value;
}

export async function runStartCommand(flags: RawFlags, io: Io): Promise<number> {
  for (const name of Object.keys(flags)) if (!KNOWN.has(name)) throw new RouterError('USAGE', `unknown option --${name} for start (accepted: ${[...KNOWN].map((k) => `--${k}`).join(', ')})`);
  const host = flag(flags, 'host') ?? '127.0.0.1';
  const portText = flag(flags, 'port') ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RouterError('USAGE', `--port must be a whole number from 0 to 65535, got ${JSON.stringify(portText)}`);
  const requireAuth = flags['require-auth'] === undefined ? true : parseBoolean(flags['require-auth'], 'require-auth');
  const configPath = resolveConfigPath(flag(flags, 'config'), io.env);
  const snapshot = await readConfig(configPath);
  const config = snapshot.config;
  const insecure = flags['allow-insecure-remote'] === undefined ? false : parseBoolean(flags['allow-insecure-remote'], 'allow-insecure-remote');
  if (!LOOPBACK.test(host) && (!config.masterKey || !requireAuth) && !insecure) {
    throw new RouterError('USAGE', `refusing to listen on ${host} without a master key: anyone who can reach it could spend your provider credits. Set one (llm-router config --operation=set-master-key --generate-master-key=true) or pass --allow-insecure-remote=true`);
  }
  const upstream = createUpstreamClient();
  const options = runtimeOptionsFromEnv(io.env, { requireAuth });
  const state = await openFileState({ path: join(runtimeDir(io.env), 'state.json'), warn: (message) => writeLines(io.stderr, [`warning: ${message}`]) });
  const app = createApp({
    getConfig: () => config,
    env: io.env,
    options,
    send: upstream.send,
    routing: createRoutingRuntime(io.env, { state }),
    version: packageVersion(),
    logger: { level: io.env.LLM_ROUTER_LOG_LEVEL ?? 'warn', redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] },
  });
  try {
    await app.listen({ host, port });
  } catch (err) {
    await upstream.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new RouterError('IO', `port ${port} on ${host} is already in use by another process; stop it or choose another --port`);
    throw new RouterError('IO', `cannot listen on ${host}:${port}: ${(err as Error).message}`, { cause: err });
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  const auth = config.masterKey && requireAuth ? 'required (master key)' : config.masterKey ? 'disabled (--require-auth=false)' : 'none (no master key set)';
  writeLines(io.stdout, [
    `llm-router ${packageVersion()} listening on ${base}`,
    `  Anthropic (Claude Code):  ANTHROPIC_BASE_URL=${base}/anthropic`,
    `  OpenAI Chat / Responses:  ${base}/openai/v1`,
    `  Config: ${configPath}${snapshot.exists ? '' : ' (not created yet)'}; auth: ${auth}`,
    ...(config.providers.length === 0 ? ['', ...nextSteps(configPath, false), 'Restart llm-router after adding a provider (live reload arrives with the daemon).'] : []),
    'Serving in the foreground (detached start arrives with the daemon); press Ctrl+C to stop.',
  ]);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void shutdownGateway(app).then(() => upstream.close()).then(() => state.close()).finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  writeLines(io.stdout, ['llm-router stopped.']);
  return 0;
}
