import type { DaemonRuntime } from '../runtime.js';
export const reload = async (rt: DaemonRuntime) => ({ ok: true as const, type: 'reload' as const, result: await rt.reload() });
