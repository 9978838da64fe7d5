import type { DaemonRuntime } from '../runtime.js';
import { statusOf } from './status.js';

/** Live view for the TUI: status plus per-candidate routing health and bucket fill levels. */
export const stats = async (rt: DaemonRuntime) => ({
  ok: true as const,
  type: 'stats' as const,
  ...statusOf(rt),
  health: rt.routingHealth(),
  buckets: rt.bucketFill(),
  today: rt.requests.today(),
});
