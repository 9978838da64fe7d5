import type { DaemonRuntime } from '../runtime.js';
export const ping = async (rt: DaemonRuntime) => ({ ok: true as const, type: 'ping' as const, pid: rt.pid });
