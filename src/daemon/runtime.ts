/** What the control handlers can see and do in the serving process. */
import type { BucketFill, ProviderCounters, ReloadResult, StateBackendInfo } from './protocol.js';
import type { RequestFeed } from './request-feed.js';

export interface DaemonRuntime {
  pid: number;
  host: string;
  port: number;
  startedAt: number;
  version: string;
  configPath: string;
  /** Started by the login service (systemd user unit or launchd agent), not by `start`. */
  startupService: boolean;
  lastReload: ReloadResult | null;
  counters: Map<string, ProviderCounters>;
  /** Provider key variables the serving config names that are unset in the daemon's environment. */
  missingKeyEnv(): { providerId: string; variable: string }[];
  stateBackend(): StateBackendInfo;
  /** Live requests: the last ones, a subscription, today's totals. */
  requests: RequestFeed;
  reload(): Promise<ReloadResult>;
  /** Starts a graceful stop (drain in-flight requests up to `drainMs`, then exit). */
  stop(drainMs: number): void;
  routingHealth(): Record<string, unknown>;
  /** Fill level of every rate-limit bucket in the serving config. */
  bucketFill(): BucketFill[];
}
