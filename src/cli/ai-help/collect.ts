/** What `ai-help` reports, gathered once: config summary, daemon, live gate, connected tools. */
import { readConfig } from '../../config/store.js';
import { DEFAULT_STRATEGY } from '../../config/schema.js';
import { isEnabled } from '../../config/validate-config.js';
import type { DaemonClient } from '../../daemon/daemon-client.js';
import { detectConnections, type Connection } from '../../connect/detect.js';
import { runGate, type GateReport } from '../../connect/gate/run-gate.js';
import { findGateway } from '../../connect/gateway-target.js';
import { defaultModel, modelChoices, type ModelChoices } from '../../connect/models.js';

export interface AiHelpState {
  configPath: string;
  configExists: boolean;
  providers: number;
  enabledProviders: number;
  models: number;
  aliases: number;
  aliasStrategies: string[];
  buckets: number;
  defaultModel: string | null;
  masterKey: boolean;
  running: boolean;
  endpoint: string | null;
  pid: number | null;
  requireAuth: boolean | null;
}

export interface AiHelpReport {
  state: AiHelpState;
  choices: ModelChoices;
  /** The model the live test uses and the tools are pointed at by default. */
  recommended: string | null;
  /** Why the live test did not run, when it did not. */
  skipped: string | null;
  gate: GateReport | undefined;
  connections: Connection[];
}

export interface CollectOptions {
  configPath: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  daemon: Pick<DaemonClient, 'status'>;
  skipLiveTest: boolean;
  timeoutMs: number;
  token: string | undefined;
}

export async function collect(o: CollectOptions): Promise<AiHelpReport> {
  const { config, exists } = await readConfig(o.configPath);
  const choices = modelChoices(config);
  const recommended = defaultModel(config) ?? null;
  const gateway = await findGateway(o.daemon);
  let skipped: string | null = null;
  if (o.skipLiveTest) skipped = '--skip-live-test';
  else if (!gateway) skipped = 'the gateway is not running';
  else if (!recommended) skipped = 'no model or alias to test with';
  const gate = skipped ? undefined : await runGate({ daemon: o.daemon, config, model: recommended ?? undefined, token: o.token, timeoutMs: o.timeoutMs });
  const state: AiHelpState = {
    configPath: o.configPath,
    configExists: exists,
    providers: config.providers.length,
    enabledProviders: config.providers.filter(isEnabled).length,
    models: config.providers.reduce((n, p) => n + p.models.length, 0),
    aliases: choices.aliases.length,
    aliasStrategies: Object.entries(config.modelAliases ?? {}).map(([id, a]) => `${id}:${a.strategy ?? DEFAULT_STRATEGY}`),
    buckets: config.providers.reduce((n, p) => n + (p.rateLimits?.length ?? 0), 0),
    defaultModel: config.defaultModel ?? null,
    masterKey: config.masterKey !== undefined,
    running: gateway !== undefined,
    endpoint: gateway?.baseUrl ?? null,
    pid: gateway?.pid ?? null,
    requireAuth: gate?.authRequired ?? null,
  };
  const connections = await detectConnections({ env: o.env, cwd: o.cwd }, gateway?.baseUrl);
  return { state, choices, recommended, skipped, gate, connections };
}
