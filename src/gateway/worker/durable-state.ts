/**
 * Routing state shared by every isolate of the Worker through the Durable Object
 * (state-object.ts), mirroring the Redis backend: planning reads a local replica, and the
 * object is authoritative for what must be exact — bucket reservations (all-or-nothing in
 * one call), candidate health (written through, read back for a request's candidates in
 * its one `sync` call with a round-robin ticket). Latency averages and weighted cursors
 * stay per isolate. When the object cannot be reached, the isolate serves on its own
 * memory (fail-open), logs it once, and tries the object again on the next request.
 */
import { createMemoryState, type CandidateHealth, type RoutingState, type SyncRequest } from '../../routing/state/routing-state.js';
import type { ReserveAnswer, Slot, SyncAnswer } from './state-store.js';

/** The Durable Object's RPC surface, as a stub exposes it. */
export interface StateStub {
  sync(request: SyncRequest): Promise<SyncAnswer>;
  reserve(slots: Slot[]): Promise<ReserveAnswer>;
  release(bucket: string, window: string, slots: number): Promise<void>;
  setHealth(candidate: string, health: CandidateHealth | null): Promise<void>;
}

export interface DurableState extends RoutingState {
  sync(request: SyncRequest): Promise<RoutingState>;
  /** Writes started off the request path (health, releases), for the handler's waitUntil. */
  drain(): Promise<unknown>;
  status(): { backend: 'durable-object'; reachable: boolean; lastError?: string };
}

const REPLICA_TTL_MS = 1_000;

/**
 * `stub` is called for every call: a Durable Object stub belongs to the request that made it
 * (the runtime refuses I/O across requests), while this state lives for the isolate.
 */
export function createDurableState(
  stubFor: () => StateStub,
  log: (message: string) => void = (m) => console.warn(m),
  now: () => number = Date.now,
): DurableState {
  const memory = createMemoryState();
  const replica = new Map<string, { count: number; freshUntil: number }>();
  const pending = new Set<Promise<unknown>>();
  let down: string | undefined;
  const local = (bucket: string, window: string) => `${bucket}\u0000${window}`;
  const failed = (err: unknown) => {
    const message = (err as Error)?.message ?? String(err);
    if (down === undefined) log(`routing state: the Durable Object is unreachable (${message}); serving on this isolate's memory until it answers`);
    down = message;
  };
  const ok = () => {
    if (down !== undefined) log('routing state: the Durable Object answers again; shared state resumes');
    down = undefined;
  };
  const track = (work: Promise<unknown>) => {
    const p = work.then(ok, failed).finally(() => pending.delete(p));
    pending.add(p);
  };

  const state: DurableState = {
    ...memory,
    setHealth(candidate, health) {
      memory.setHealth(candidate, health);
      track(stubFor().setHealth(candidate, health ?? null));
    },
    bucketCount(bucket, window) {
      const counted = memory.bucketCount(bucket, window);
      if (counted > 0) return counted;
      const learned = replica.get(local(bucket, window));
      return learned && learned.freshUntil > now() ? learned.count : 0;
    },
    addToBucket(bucket, window, delta, expiresAt) {
      // Positive deltas are local reservations (object unreachable); negative ones release.
      if (delta > 0 || memory.bucketCount(bucket, window) > 0) return memory.addToBucket(bucket, window, delta, expiresAt);
      replica.delete(local(bucket, window));
      track(stubFor().release(bucket, window, -delta));
    },
    async tryReserve(slots) {
      try {
        const answer = await stubFor().reserve([...slots]);
        ok();
        for (const c of answer.counts) replica.set(local(c.bucket, c.window), { count: c.count, freshUntil: now() + REPLICA_TTL_MS });
        return answer.ok;
      } catch (err) {
        failed(err);
        if (slots.some((s) => memory.bucketCount(s.bucket, s.window) >= s.limit)) return false;
        for (const s of slots) memory.addToBucket(s.bucket, s.window, 1, s.expiresAt);
        return true;
      }
    },
    async sync(request) {
      if (request.candidates.length === 0) return state;
      let answer: SyncAnswer;
      try {
        answer = await stubFor().sync({ route: request.route, strategy: request.strategy, candidates: [...request.candidates] });
        ok();
      } catch (err) {
        failed(err);
        return state;
      }
      request.candidates.forEach((candidate, i) => memory.setHealth(candidate, answer.health[i] ?? undefined));
      const ticket = answer.ticket;
      if (ticket === undefined) return state;
      const ticketRoute = `${request.route}#primary`;
      return {
        ...state,
        getCursor: (route) => (route === ticketRoute ? { next: ticket - 1 } : state.getCursor(route)),
        setCursor: (route, cursor) => {
          if (route !== ticketRoute) state.setCursor(route, cursor);
        },
      };
    },
    drain: () => Promise.allSettled([...pending]),
    status: () => ({ backend: 'durable-object', reachable: down === undefined, ...(down !== undefined ? { lastError: down } : {}) }),
  };
  return state;
}
