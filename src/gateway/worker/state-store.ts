/**
 * The routing state a Durable Object holds for every isolate of the Worker: the
 * authoritative bucket counters (reserved all-or-nothing, so caps hold exactly), candidate
 * health (cooldowns, open circuits) and round-robin tickets. Pure; the Durable Object
 * (state-object.ts) serialises the calls and persists the snapshot.
 */
import { createMemoryState, type CandidateHealth, type MemoryState, type StateSnapshot, type SyncRequest } from '../../routing/state/routing-state.js';

export interface Slot {
  bucket: string;
  window: string;
  limit: number;
  expiresAt: number;
}

export interface SyncAnswer {
  health: (CandidateHealth | null)[];
  /** Round-robin routes: this request's ticket (1, 2, 3, … across every isolate). */
  ticket?: number;
}

export interface ReserveAnswer {
  ok: boolean;
  /** Counts after the reservation (ok), or the full bucket's count (not ok), for the isolates' replicas. */
  counts: { bucket: string; window: string; count: number }[];
}

export interface PersistedState {
  snapshot: StateSnapshot;
  tickets: Record<string, number>;
}

export class StateStore {
  private readonly memory: MemoryState = createMemoryState();
  private readonly tickets = new Map<string, number>();

  constructor(saved: PersistedState | undefined, now: number) {
    if (!saved) return;
    this.memory.restore(saved.snapshot, now);
    for (const [route, n] of Object.entries(saved.tickets ?? {})) this.tickets.set(route, n);
  }

  sync(request: SyncRequest): SyncAnswer {
    const health = request.candidates.map((c) => this.memory.getHealth(c) ?? null);
    if (request.strategy !== 'round-robin') return { health };
    const route = `${request.route}#primary`;
    const ticket = (this.tickets.get(route) ?? 0) + 1;
    this.tickets.set(route, ticket);
    return { health, ticket };
  }

  reserve(slots: readonly Slot[], now: number): ReserveAnswer {
    this.memory.prune(now);
    const full = slots.find((s) => this.memory.bucketCount(s.bucket, s.window) >= s.limit);
    if (full) return { ok: false, counts: [{ bucket: full.bucket, window: full.window, count: this.memory.bucketCount(full.bucket, full.window) }] };
    for (const s of slots) this.memory.addToBucket(s.bucket, s.window, 1, s.expiresAt);
    return { ok: true, counts: slots.map((s) => ({ bucket: s.bucket, window: s.window, count: this.memory.bucketCount(s.bucket, s.window) })) };
  }

  release(bucket: string, window: string, slots: number): void {
    if (this.memory.bucketCount(bucket, window) === 0) return;
    this.memory.addToBucket(bucket, window, -slots, 0);
  }

  setHealth(candidate: string, health: CandidateHealth | null): void {
    this.memory.setHealth(candidate, health ?? undefined);
  }

  bucketCount(bucket: string, window: string): number {
    return this.memory.bucketCount(bucket, window);
  }

  persisted(now: number): PersistedState {
    this.memory.prune(now);
    return { snapshot: this.memory.snapshot(), tickets: Object.fromEntries(this.tickets) };
  }
}
