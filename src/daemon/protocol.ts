/** Control protocol: newline-delimited JSON over the unix socket; requests are a zod discriminated union. */
import { z } from 'zod';
import type { RequestRecord } from '../gateway/core/observe/request-record.js';
import type { TodayTotals } from './request-feed.js';

export type { RequestRecord, TodayTotals };

/**
 * A subscription, outside the request/reply union: `{"type":"subscribe-requests"}` is
 * answered with the recent requests, then one line per request as it finishes, until the
 * client closes the socket.
 */
export type FeedMessage = { type: 'subscribed'; recent: RequestRecord[] } | { type: 'record'; record: RequestRecord } | { type: 'dropped'; count: number };

export const controlRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('status') }),
  z.object({ type: z.literal('stats') }),
  z.object({ type: z.literal('reload') }),
  z.object({ type: z.literal('stop'), drainMs: z.number().int().nonnegative().max(600_000).optional() }),
]);
export type ControlRequest = z.infer<typeof controlRequestSchema>;
export type ControlType = ControlRequest['type'];

export interface ReloadResult {
  at: string;
  ok: boolean;
  error?: string;
}

export interface ProviderCounters {
  requests: number;
  errors: number;
}

export interface BucketFill {
  providerId: string;
  bucketId: string;
  used: number;
  limit: number;
  /** When the current window ends (ISO time). */
  windowEnd: string;
}

export interface StatsReply extends StatusReply {
  /** Today's totals (UTC day) from the request records. */
  today?: TodayTotals;
  health: Record<string, unknown>;
  buckets: BucketFill[];
}

export interface StatusReply {
  pid: number;
  host: string;
  port: number;
  uptimeSeconds: number;
  version: string;
  configPath: string;
  /** Started by the login service (systemd user unit or launchd agent). */
  startupService: boolean;
  lastReload: ReloadResult | null;
  counters: Record<string, ProviderCounters>;
  /** Providers whose apiKeyEnv variable is unset where the daemon runs. */
  missingKeyEnv: { providerId: string; variable: string }[];
  /** Where routing state lives, and (Redis) whether it is reachable now. */
  state: StateBackendInfo;
}

export type StateBackendInfo =
  | { backend: 'file'; path: string }
  | { backend: 'redis'; url: string; namespace: string; failMode: 'open' | 'closed'; connected: boolean; downSince?: string; lastError?: string };

/** What each request type answers (besides `ok` and `type`). */
export interface ReplyBodies {
  ping: { pid: number };
  status: StatusReply;
  stats: StatsReply;
  reload: { result: ReloadResult };
  stop: { pid: number };
}

export type ControlFailure = { ok: false; error: string };
/** The reply to a request of type T: typed per request. */
export type ControlReplyOf<T extends ControlType> = ({ ok: true; type: T } & ReplyBodies[T]) | ControlFailure;
export type ControlReply = { [T in ControlType]: ControlReplyOf<T> }[ControlType];
