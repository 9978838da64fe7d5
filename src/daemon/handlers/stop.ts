import type { DaemonRuntime } from '../runtime.js';

export const DEFAULT_DRAIN_MS = 10_000;

export const stop = async (rt: DaemonRuntime, request: { drainMs?: number | undefined }) => {
  // Answer first, then stop: the caller waits for the process to exit.
  setImmediate(() => rt.stop(request.drainMs ?? DEFAULT_DRAIN_MS));
  return { ok: true as const, type: 'stop' as const, pid: rt.pid };
};
