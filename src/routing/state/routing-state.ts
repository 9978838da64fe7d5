/**
 * Routing state behind one interface: route cursors, candidate health, bucket counters.
 * Backends: memory (here), file (embedded default, snapshots), Redis later.
 */
export interface CandidateHealth {
  consecutiveFailures: number;
  cooldownUntil: number;
  circuitOpenUntil: number;
  lastFailureAt?: number;
  lastCategory?: string;
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
}

export function createMemoryState(): RoutingState & { prune(now: number): void } {
  const cursors = new Map<string, Record<string, number>>();
  const health = new Map<string, CandidateHealth>();
  const buckets = new Map<string, { count: number; expiresAt: number }>();
  const key = (bucket: string, window: string) => `${bucket}\u0000${window}`;
  return {
    getCursor: (route) => cursors.get(route),
    setCursor: (route, cursor) => void cursors.set(route, cursor),
    getHealth: (candidate) => health.get(candidate),
    setHealth: (candidate, value) => void (value ? health.set(candidate, value) : health.delete(candidate)),
    bucketCount: (bucket, window) => buckets.get(key(bucket, window))?.count ?? 0,
    addToBucket: (bucket, window, delta, expiresAt) => {
      const k = key(bucket, window);
      const entry = buckets.get(k) ?? { count: 0, expiresAt };
      entry.count = Math.max(0, entry.count + delta);
      buckets.set(k, entry);
    },
    prune(now) {
      for (const [k, entry] of buckets) if (entry.expiresAt <= now) buckets.delete(k);
      for (const [k, h] of health) if (Math.max(h.cooldownUntil, h.circuitOpenUntil) <= now && h.consecutiveFailures === 0) health.delete(k);
    },
  };
}
