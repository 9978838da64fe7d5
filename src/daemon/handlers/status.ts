import type { StatusReply } from '../protocol.js';
import type { DaemonRuntime } from '../runtime.js';

export function statusOf(rt: DaemonRuntime): StatusReply {
  return {
    pid: rt.pid,
    host: rt.host,
    port: rt.port,
    uptimeSeconds: Math.round((Date.now() - rt.startedAt) / 1000),
    version: rt.version,
    configPath: rt.configPath,
    startupService: rt.startupService,
    lastReload: rt.lastReload,
    counters: Object.fromEntries(rt.counters),
    missingKeyEnv: rt.missingKeyEnv(),
    state: rt.stateBackend(),
  };
}

export const status = async (rt: DaemonRuntime) => ({ ok: true as const, type: 'status' as const, ...statusOf(rt) });
