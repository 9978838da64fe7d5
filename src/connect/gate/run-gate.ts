/** The pre-patch API gate, used by `ai-help`, `setup` and the TUI: find the gateway, probe it, judge per tool. */
import type { Config } from '../../config/schema.js';
import type { DaemonClient } from '../../daemon/daemon-client.js';
import { findGateway, gatewayToken, type GatewayTarget } from '../gateway-target.js';
import { authRequired, gatesFor, type ToolGate } from './gates.js';
import { runProbes, type ProbeResult } from './probes.js';

export const DEFAULT_GATE_TIMEOUT_MS = 6000;

export interface GateReport {
  gateway: GatewayTarget | undefined;
  /** The model the API probes used. */
  model: string | undefined;
  probes: ProbeResult[];
  tools: ToolGate[];
  authRequired: boolean | undefined;
}

export interface GateOptions {
  daemon: Pick<DaemonClient, 'status'>;
  config: Config;
  model?: string | undefined;
  token?: string | undefined;
  timeoutMs?: number;
}

export async function runGate(options: GateOptions): Promise<GateReport> {
  const gateway = await findGateway(options.daemon);
  if (!gateway) return { gateway, model: options.model, probes: [], tools: [], authRequired: undefined };
  const probes = await runProbes(gateway.baseUrl, options.model, gatewayToken(options.config, options.token), options.timeoutMs ?? DEFAULT_GATE_TIMEOUT_MS);
  return { gateway, model: options.model, probes, tools: gatesFor(probes), authRequired: authRequired(probes) };
}
