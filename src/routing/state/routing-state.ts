/**
 * Routing state behind one interface: route cursors, candidate health, bucket counters.
 * Backends: memory (here), file (embedded default, snapshots), Redis (shared by instances).
 */
export interface CandidateHealth {
  consecutiveFailures: number;
  cooldownUntil: number;
  circuitOpenUntil: number;
  lastFailureAt?: number;
  lastCategory?: string;
}

/** Everything a state store holds, as plain data (for snapshots). */
export interface StateSnapshot {
  cursors: Record<string, Record<string, number>>;
  health: Record<string, CandidateHealth>;
  buckets: Record<string, { count: number; expiresAt: number }>;
  latency?: Record<string, number>;
}

export interface SyncRequest {
  /** The route's cursor key (the planner adds "#primary" / "#fallback"). */
  route: string;
  strategy: string;
  candidates: readonly string[];
}

export interface RoutingState {
  getCursor(route: string): Record<string, number> | undefined;
  setCursor(route: string, cursor: Record<string, number>): void;
  getHealth(candidate: string): CandidateHealth | undefined;
  setHealth(candidate: string, health: CandidateHealth | undefined): void;
  /** Requests counted (accepted + reserved) in a bucket's window. */
  bucketCount(bucket: string, window: string): number;
  /** Adds `delta` (may be negative) to a bucket window's count; `expiresAt` lets stores prune. */
  addToBucket(bucket: string, window: string, delta: number, expiresAt: number): void;
  /**
   * Optional atomic all-or-nothing reservation of one slot in each bucket window. Shared
   * stores (Redis) implement it (e.g. one Lua script) and may answer asynchronously; their
   * other reads can come from a local replica, since this step is the authoritative one.
   * Without it, `reserve` checks and adds with the methods above (atomic in one process).
   */
  tryReserve?(slots: readonly { bucket: string; window: string; limit: number; expiresAt: number }[]): boolean | Promise<boolean>;
  /**
   * Shared stores only: refresh what planning one request reads (the candidates' health, a
   * round-robin ticket for the route) in one round trip, and return the view to plan this
   * request with. Stores without it are their own view.
   */
  sync?(request: SyncRequest): Promise<RoutingState>;
  /** Smoothed time to first output of a candidate, in ms (undefined until measured). */
  getLatency(candidate: string): number | undefined;
  recordLatency(candidate: string, ms: number): void;
}

export interface MemoryState extends RoutingState {
  prune(now: number): void;
  snapshot(): StateSnapshot;
  restore(snapshot: StateSnapshot, now: number): void;
  /** Called after every change (file backends schedule a snapshot from it). */
  onChange?: () => void;
}

const LATENCY_SMOOTHING = 0.2;

export function createMemoryState(): MemoryState {
  const cursors = new Map<string, Record<string, number>>();
  const health = new Map<string, CandidateHealth>();
  const buckets = new Map<string, { count: number; expiresAt: number }>();
  const latency = new Map<string, number>();
  const key = (bucket: string, window: string) => `${bucket}\u0000${window}`;
  const state: MemoryState = {
    getCursor: (route) => cursors.get(route),
    setCursor: (route, cursor) => {
      cursors.set(route, cursor);
      state.onChange?.();
    },
    getHealth: (candidate) => health.get(candidate),
    setHealth: (candidate, value) => {
      if (value) health.set(candidate, value);
      else health.delete(candidate);
      state.onChange?.();
    },
    bucketCount: (bucket, window) => buckets.get(key(bucket, window))?.count ?? 0,
    addToBucket: (bucket, window, delta, expiresAt) => {
      const k = key(bucket, window);
      const entry = buckets.get(k) ?? { count: 0, expiresAt };
      entry.count = Math.max(0, entry.count + delta);
      buckets.set(k, entry);
      state.onChange?.();
    },
    getLatency: (candidate) => latency.get(candidate),
    recordLatency: (candidate, ms) => {
      const previous = latency.get(candidate);
      latency.set(candidate, previous === undefined ? ms : previous + LATENCY_SMOOTHING * (ms - previous));
      state.onChange?.();
    },
    prune(now) {
      for (const [k, entry] of buckets) if (entry.expiresAt <= now) buckets.delete(k);
      for (const [k, h] of health) if (Math.max(h.cooldownUntil, h.circuitOpenUntil) <= now && h.consecutiveFailures === 0) health.delete(k);
    },
    snapshot: () => ({
      cursors: Object.fromEntries(cursors),
      health: Object.fromEntries(health),
      buckets: Object.fromEntries(buckets),
      latency: Object.fromEntries(latency),
    }),
    restore(snapshot, now) {
      for (const [k, v] of Object.entries(snapshot.cursors ?? {})) cursors.set(k, v);
      for (const [k, v] of Object.entries(snapshot.health ?? {})) health.set(k, v);
      for (const [k, v] of Object.entries(snapshot.buckets ?? {})) if (v.expiresAt > now) buckets.set(k, { ...v });
      for (const [k, v] of Object.entries(snapshot.latency ?? {})) latency.set(k, v);
      state.prune(now);
    },
  };
  return state;
}
