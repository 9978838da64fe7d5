/**
 * Routing state shared by several gateway instances through one Redis.
 *
 * Planning stays synchronous over a local replica; Redis is authoritative for what must
 * be exact across instances:
 * - bucket reservations: one Lua script, all-or-nothing over every matching window;
 * - candidate health (cooldowns, circuits): written through with a TTL, read back for a
 *   request's candidates in its one `sync` round trip, together with a round-robin ticket
 *   (INCR) for round-robin routes.
 * Latency averages and weighted cursors stay per instance (they only shape spreading).
 *
 * When Redis is unreachable or slower than `timeoutMs`, the instance serves on its local
 * state (buckets counted locally under fail-open, refused under fail-closed), logs the
 * outage once, shows it in `status`, and ioredis reconnects in the background.
 */
import { Redis } from 'ioredis';
import { maskUrl } from '../../config/mask.js';
import { RouterError } from '../../errors/router-error.js';
import { createMemoryState, type CandidateHealth, type MemoryState, type RoutingState, type SyncRequest } from '../../routing/state/routing-state.js';
import { RELEASE_LUA, RESERVE_LUA } from './lua.js';
import { withTimeout } from './with-timeout.js';

export interface RedisStateOptions {
  url: string;
  keyPrefix: string;
  namespace: string;
  failMode: 'open' | 'closed';
  timeoutMs: number;
  log: (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;
  now?: () => number;
  /** How long a bucket count read from Redis is trusted for planning (default 1 s). */
  replicaTtlMs?: number;
  /** How long to stay on local state after a command timed out, before trying Redis again (default 1 s). */
  backoffMs?: number;
}

export interface StateBackendStatus {
  backend: 'redis';
  url: string;
  namespace: string;
  failMode: 'open' | 'closed';
  connected: boolean;
  /** Since when Redis has been unusable (ISO time), and why. */
  downSince?: string;
  lastError?: string;
}

export interface RedisState extends MemoryState {
  sync(request: SyncRequest): Promise<RoutingState>;
  status(): StateBackendStatus;
  close(): Promise<void>;
}

type ScriptClient = Redis & {
  llmrReserve(numKeys: number, ...args: (string | number)[]): Promise<number[]>;
  llmrRelease(key: string, slots: number): Promise<number>;
};

/** Health records outlive their cooldown so consecutive failures keep counting for a while. */
const HEALTH_MIN_TTL_MS = 10 * 60_000;

function parseHealth(text: string): CandidateHealth | undefined {
  try {
    const value = JSON.parse(text) as CandidateHealth;
    return typeof value === 'object' && value !== null && typeof value.cooldownUntil === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

function isAuthError(err: unknown): boolean {
  return /WRONGPASS|NOAUTH|invalid password|invalid username/i.test((err as Error)?.message ?? '');
}

export async function openRedisState(options: RedisStateOptions): Promise<RedisState> {
  const now = options.now ?? Date.now;
  const replicaTtlMs = options.replicaTtlMs ?? 1_000;
  const backoffMs = options.backoffMs ?? 1_000;
  const prefix = `${options.keyPrefix}${options.namespace}:`;
  const shown = maskUrl(options.url) ?? '';
  const client = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: Math.max(options.timeoutMs * 4, 200),
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2_000),
    connectionName: 'llm-router',
  }) as ScriptClient;
  client.defineCommand('llmrReserve', { lua: RESERVE_LUA });
  client.defineCommand('llmrRelease', { numberOfKeys: 1, lua: RELEASE_LUA });

  const memory = createMemoryState();
  /** Bucket counts learned from Redis, trusted until `freshUntil`. */
  const replica = new Map<string, { count: number; freshUntil: number }>();
  let downSince: number | undefined;
  let lastError: string | undefined;
  let pausedUntil = 0;
  let closing = false;
  /** While opening, outcomes are reported once, by the open itself. */
  let opening = true;

  const markDown = (err: unknown) => {
    lastError = (err as Error)?.message ?? String(err);
    if (downSince !== undefined || closing || opening) return;
    downSince = now();
    options.log('warn', `routing state: Redis at ${shown} is unavailable (${lastError}); serving on local state until it is back`, {
      failMode: options.failMode,
    });
  };
  const markUp = () => {
    if (downSince === undefined || closing) return;
    options.log('info', `routing state: Redis at ${shown} is back after ${Math.round((now() - downSince) / 1000)} s; shared state resumes`);
    downSince = undefined;
  };
  /** Usable now: connected, and not backing off after a slow or failed command. */
  const usable = () => !closing && client.status === 'ready' && now() >= pausedUntil;
  const onCommandError = (err: unknown) => {
    pausedUntil = now() + backoffMs;
    markDown(err);
  };
  let authFailure: string | undefined;
  client.on('error', (err) => {
    if (isAuthError(err)) authFailure = err.message;
    markDown(err);
  });
  client.on('ready', () => {
    pausedUntil = 0;
    markUp();
  });
  client.on('close', () => {
    if (!closing) markDown(new Error('connection closed'));
  });

  try {
    await client.connect();
    await withTimeout(client.ping(), 2_000, 'PING');
  } catch (err) {
    // ioredis reports a refused AUTH as an 'error' event, then rejects connect() with "Connection is closed".
    const reason = isAuthError(err) ? (err as Error).message : authFailure;
    if (reason !== undefined) {
      closing = true;
      client.disconnect();
      throw new RouterError(
        'CONFIG_INVALID',
        `routing state: Redis at ${shown} refused the credentials (${reason}); fix the password in state.url or LLM_ROUTER_STATE_URL`,
        { path: 'state.url' },
      );
    }
    opening = false;
    markDown(err);
  }
  opening = false;

  const key = {
    health: (candidate: string) => `${prefix}h:${candidate}`,
    cursor: (route: string) => `${prefix}c:${route}`,
    bucket: (bucket: string, window: string) => `${prefix}b:${bucket}:${window}`,
  };
  const local = (bucket: string, window: string) => `${bucket}\u0000${window}`;
  const learn = (bucket: string, window: string, count: number) => replica.set(local(bucket, window), { count, freshUntil: now() + replicaTtlMs });

  const writeHealth = (candidate: string, health: CandidateHealth | undefined) => {
    if (!usable()) return;
    const write = health
      ? client.set(
          key.health(candidate),
          JSON.stringify(health),
          'PX',
          Math.max(HEALTH_MIN_TTL_MS, Math.max(health.cooldownUntil, health.circuitOpenUntil) - now() + HEALTH_MIN_TTL_MS),
        )
      : client.del(key.health(candidate));
    write.catch(onCommandError);
  };

  const reserveLocally = (slots: Parameters<NonNullable<RoutingState['tryReserve']>>[0]): boolean => {
    if (options.failMode === 'closed') return false;
    if (slots.some((s) => memory.bucketCount(s.bucket, s.window) >= s.limit)) return false;
    for (const s of slots) memory.addToBucket(s.bucket, s.window, 1, s.expiresAt);
    return true;
  };

  const state: RedisState = {
    ...memory,
    setHealth(candidate, health) {
      memory.setHealth(candidate, health);
      writeHealth(candidate, health);
    },
    bucketCount(bucket, window) {
      if (!usable()) return memory.bucketCount(bucket, window);
      const learned = replica.get(local(bucket, window));
      return learned && learned.freshUntil > now() ? learned.count : 0;
    },
    addToBucket(bucket, window, delta, expiresAt) {
      // Positive deltas are local reservations (Redis down, fail-open); negative ones release.
      // A window counted locally (during an outage) is released locally.
      if (delta > 0 || !usable() || memory.bucketCount(bucket, window) > 0) {
        memory.addToBucket(bucket, window, delta, expiresAt);
        return;
      }
      replica.delete(local(bucket, window));
      client.llmrRelease(key.bucket(bucket, window), -delta).catch(onCommandError);
    },
    async tryReserve(slots) {
      if (!usable()) return reserveLocally(slots);
      const args: (string | number)[] = slots.map((s) => key.bucket(s.bucket, s.window));
      for (const s of slots) args.push(Math.ceil(s.expiresAt + 60_000), s.limit);
      try {
        const out = await withTimeout(client.llmrReserve(slots.length, ...args), options.timeoutMs, 'reserve');
        markUp();
        if (out[0] === 1) {
          slots.forEach((s, i) => learn(s.bucket, s.window, Number(out[i + 1])));
          return true;
        }
        const full = slots[Number(out[1]) - 1];
        if (full) learn(full.bucket, full.window, Number(out[2]));
        return false;
      } catch (err) {
        onCommandError(err);
        return reserveLocally(slots);
      }
    },
    async sync(request) {
      if (!usable() || request.candidates.length === 0) return state;
      const ticketRoute = `${request.route}#primary`;
      const roundRobin = request.strategy === 'round-robin';
      const pipeline = client.pipeline().mget(...request.candidates.map(key.health));
      if (roundRobin) pipeline.incr(key.cursor(ticketRoute));
      let results: [Error | null, unknown][] | null;
      try {
        results = await withTimeout(pipeline.exec(), options.timeoutMs, 'sync');
      } catch (err) {
        onCommandError(err);
        return state;
      }
      const failed = results?.find(([err]) => err)?.[0];
      if (!results || failed) {
        onCommandError(failed ?? new Error('empty pipeline reply'));
        return state;
      }
      markUp();
      const healths = (results[0]?.[1] ?? []) as (string | null)[];
      request.candidates.forEach((candidate, i) => {
        const text = healths[i];
        memory.setHealth(candidate, text ? parseHealth(text) : undefined);
      });
      if (!roundRobin) return state;
      const ticket = Number(results[1]?.[1]);
      return {
        ...state,
        getCursor: (route) => (route === ticketRoute ? { next: ticket - 1 } : state.getCursor(route)),
        setCursor: (route, cursor) => {
          if (route !== ticketRoute) state.setCursor(route, cursor);
        },
      };
    },
    status: () => ({
      backend: 'redis',
      url: shown,
      namespace: options.namespace,
      failMode: options.failMode,
      connected: !closing && client.status === 'ready' && downSince === undefined,
      ...(downSince !== undefined ? { downSince: new Date(downSince).toISOString() } : {}),
      ...(lastError !== undefined && downSince !== undefined ? { lastError } : {}),
    }),
    async close() {
      closing = true;
      await client.quit().catch(() => client.disconnect());
    },
  };
  return state;
}
