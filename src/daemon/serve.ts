/**
 * The serving process (`start --foreground`, and what `start` spawns detached): the
 * gateway, the control socket, the pidfile, routing state, and live config reload. A
 * config that fails validation is refused and the old one keeps serving; in-flight
 * requests finish on the config they started with.
 */
import { mkdir, rm } from 'node:fs/promises';
import { RouterError } from '../errors/router-error.js';
import { readConfig } from '../config/store.js';
import type { Config } from '../config/schema.js';
import { createApp } from '../gateway/node/create-app.js';
import { createRoutingRuntime } from '../gateway/core/routing-runtime.js';
import { sameBackend, stateBackendSettings, type StateBackendSettings } from '../gateway/redis-state/state-settings.js';
import { openDaemonState } from './open-routing-state.js';
import { openRequestLog } from './request-log.js';
import { createRequestFeed } from './request-feed.js';
import { createGatewayMetrics } from '../gateway/node/metrics.js';
import type { RequestRecord } from '../gateway/core/observe/request-record.js';
import { runtimeOptionsFromEnv } from '../gateway/core/runtime-options.js';
import { shutdownGateway } from '../gateway/node/shutdown.js';
import { bucketUsage } from '../routing/buckets.js';
import { createUpstreamClient } from '../upstream/client.js';
import { watchConfig } from './config-watcher.js';
import { DEFAULT_DRAIN_MS } from './handlers/stop.js';
import { startControlServer } from './control-server.js';
import { applyRuntimeHeapSettings } from './node-flags.js';
import { tryLock } from './lock-file.js';
import { missingKeyVariables, missingKeyWarning, type DaemonLog } from './log-line.js';
import { daemonPaths, ensureSocketDir, type DaemonPaths } from './paths.js';
import { removeIfOwned, writePidfile } from './pidfile.js';
import { cleanStale, probeDaemon } from './probe.js';
import type { ProviderCounters, ReloadResult } from './protocol.js';
import type { DaemonRuntime } from './runtime.js';

export interface ServeOptions {
  host: string;
  port: number;
  requireAuth: boolean;
  metricsPublic?: boolean;
  configPath: string;
  env: NodeJS.ProcessEnv;
  version: string;
  /** Called once listening, with the base URL and the config as loaded. */
  onListening: (base: string, config: Config, configExists: boolean) => void;
  log: DaemonLog;
}

export async function serve(opts: ServeOptions): Promise<void> {
  applyRuntimeHeapSettings();
  const paths = daemonPaths(opts.env);
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  await ensureSocketDir(paths);
  const running = await probeDaemon(paths);
  if (running)
    throw new RouterError(
      'IO',
      `llm-router is already running (pid ${running.pid}) on http://${running.host}:${running.port}; stop it first (llm-router stop)`,
    );
  // The serving lock, held for as long as this process serves: a login-service start and a
  // manual one can never both clean up and take over the pidfile and socket.
  const lock = await takeServeLock(paths);
  try {
    await cleanStale(paths);
    await serveLocked(opts, paths, lock.release);
  } finally {
    await lock.release();
  }
}

/** The serving lock; a holder that is still starting or already stopping gets a few seconds to finish. */
async function takeServeLock(paths: DaemonPaths): Promise<{ release: () => Promise<void> }> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const lock = await tryLock(paths.serveLock);
    if (lock.held) return lock;
    const running = await probeDaemon(paths);
    if (running)
      throw new RouterError(
        'IO',
        `llm-router is already running (pid ${running.pid}) on http://${running.host}:${running.port}; stop it first (llm-router stop)`,
      );
    if (Date.now() > deadline)
      throw new RouterError(
        'IO',
        `another llm-router (pid ${lock.owner.pid}) is starting or stopping for this HOME and holds ${paths.serveLock}; see llm-router status`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function serveLocked(opts: ServeOptions, paths: DaemonPaths, releaseLock: () => Promise<void>): Promise<void> {
  const snapshot = await readConfig(opts.configPath);
  let current = snapshot.config;
  const stateStore = await openDaemonState(current, opts.env, paths.state, (level, message, fields) => opts.log(level, message, fields));
  const state = stateStore.state;
  const upstream = createUpstreamClient();
  const counters = new Map<string, ProviderCounters>();
  // LLM_ROUTER_REQUEST_LOG=off keeps no request log (metrics and status counters stay).
  const requestLog = /^(0|off|false|no)$/i.test(opts.env.LLM_ROUTER_REQUEST_LOG ?? '')
    ? undefined
    : await openRequestLog({ path: paths.requests, warn: (m) => opts.log('warn', m) });
  const bucketFill = () => {
    const now = Date.now();
    return current.providers.flatMap((provider) =>
      (provider.rateLimits ?? []).map((b) => {
        const usage = bucketUsage(state, { providerId: provider.id, id: b.id, models: b.models, requests: b.requests, window: b.window }, now);
        return { providerId: provider.id, bucketId: b.id, used: usage.used, limit: b.requests, windowEnd: new Date(usage.windowEnd).toISOString() };
      }),
    );
  };
  const feed = createRequestFeed();
  const metrics = createGatewayMetrics({ health: () => state.snapshot().health, buckets: bucketFill });
  const app = createApp({
    getConfig: () => current,
    env: opts.env,
    options: runtimeOptionsFromEnv(opts.env, { requireAuth: opts.requireAuth, ...(opts.metricsPublic ? { metricsPublic: true } : {}) }),
    metrics,
    onRecord: (record: RequestRecord) => {
      feed.push(record);
      requestLog?.write(record);
    },
    send: upstream.send,
    routing: createRoutingRuntime(opts.env, { state }),
    version: opts.version,
    logger: { level: opts.env.LLM_ROUTER_LOG_LEVEL ?? 'warn', redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] },
    observe: (provider, ok) => {
      const c = counters.get(provider) ?? { requests: 0, errors: 0 };
      c.requests += 1;
      if (!ok) c.errors += 1;
      counters.set(provider, c);
    },
  });
  try {
    await app.listen({ host: opts.host, port: opts.port });
  } catch (err) {
    await upstream.close();
    await stateStore.close();
    await requestLog?.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new RouterError('IO', `port ${opts.port} on ${opts.host} is already in use by another process; stop it or choose another --port`);
    throw new RouterError('IO', `cannot listen on ${opts.host}:${opts.port}: ${(err as Error).message}`, { cause: err });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  let stopping: Promise<void> | undefined;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const runtime: DaemonRuntime = {
    pid: process.pid,
    host: opts.host,
    port,
    startedAt: Date.now(),
    version: opts.version,
    configPath: opts.configPath,
    // The service's environment file sets this (service-spec.ts).
    startupService: opts.env.LLM_ROUTER_MANAGED_BY_STARTUP === '1',
    lastReload: null,
    counters,
    missingKeyEnv: () => missingKeyVariables(current.providers, opts.env),
    stateBackend: () => stateStore.info(),
    requests: feed,
    routingHealth: () => state.snapshot().health,
    bucketFill,
    async reload(): Promise<ReloadResult> {
      const at = new Date().toISOString();
      try {
        const next = await readConfig(opts.configPath);
        if (!next.exists) throw new RouterError('IO', `config file ${opts.configPath} is missing; keeping the current config`);
        current = next.config;
        runtime.lastReload = { at, ok: true };
        metrics.reloaded(true);
        opts.log('info', 'config reloaded', { configPath: opts.configPath });
        for (const missing of missingKeyVariables(current.providers, opts.env)) opts.log('warn', missingKeyWarning(missing), missing);
        warnIfStateMoved(stateStore.settings, current, opts);
      } catch (err) {
        runtime.lastReload = { at, ok: false, error: (err as Error).message };
        metrics.reloaded(false);
        opts.log('warn', `config reload refused, the previous config keeps serving: ${(err as Error).message}`, { configPath: opts.configPath });
      }
      return runtime.lastReload;
    },
    stop(drainMs) {
      stopping ??= (async () => {
        watcher.close();
        await shutdownGateway(app, drainMs);
        await new Promise<void>((resolve) => control.close(() => resolve()));
        await upstream.close();
        await stateStore.close();
        await requestLog?.close();
        // The lock goes before the pidfile: once the pidfile is gone, a new start may begin.
        await releaseLock();
        await removeIfOwned(paths.pidfile, process.pid);
        await rm(paths.socket, { force: true });
        resolveDone();
      })();
    },
  };
  const control = await startControlServer(paths.socket, runtime);
  const watcher = watchConfig(opts.configPath, () => void runtime.reload());
  await writePidfile(paths.pidfile, {
    pid: process.pid,
    host: opts.host,
    port,
    startedAt: new Date(runtime.startedAt).toISOString(),
    version: opts.version,
    configPath: opts.configPath,
  });
  const onSignal = () => runtime.stop(DEFAULT_DRAIN_MS);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  opts.onListening(`http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`, current, snapshot.exists);
  await done;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

/** The state backend is chosen at start; a reload that names another one says it needs a restart. */
function warnIfStateMoved(running: StateBackendSettings, config: Config, opts: ServeOptions): void {
  let next: StateBackendSettings;
  try {
    next = stateBackendSettings(config, opts.env);
  } catch (err) {
    opts.log('warn', `state settings in the reloaded config are invalid (${(err as Error).message}); the running state backend is kept`);
    return;
  }
  if (!sameBackend(running, next)) opts.log('warn', 'the state settings changed; they apply when the gateway restarts (llm-router stop, then start)');
}
