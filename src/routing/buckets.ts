/**
 * Rate-limit buckets: N requests per window, scoped to all or listed models of a
 * provider. A candidate is usable only if every bucket covering it has room. Slots are
 * reserved atomically before the upstream call (all buckets or none) and released if
 * the provider does not accept the request, so only accepted requests count and
 * concurrent requests cannot overrun a cap. Pure over the state store.
 */
import type { RoutingState } from './state/routing-state.js';
import { windowSlot, type WindowSpec } from './windows.js';

export interface BucketRule {
  providerId: string;
  id: string;
  models: readonly string[];
  requests: number;
  window: WindowSpec;
}

export interface Reservation {
  release(): void;
}

export function bucketsFor(rules: readonly BucketRule[], providerId: string, modelId: string): BucketRule[] {
  return rules.filter((b) => b.providerId === providerId && (b.models.includes('all') || b.models.includes(modelId)));
}

const stateKey = (b: BucketRule) => `bucket:${b.providerId}:${b.id}`;

/** Requests counted in a bucket's current window, and when that window ends. */
export function bucketUsage(state: RoutingState, rule: BucketRule, now: number): { used: number; windowEnd: number } {
  const slot = windowSlot(rule.window, now);
  return { used: state.bucketCount(stateKey(rule), slot.key), windowEnd: slot.end };
}

/** Fraction of capacity left in the tightest bucket (1 with no buckets). */
export function remainingRatio(state: RoutingState, rules: readonly BucketRule[], now: number): number {
  let ratio = 1;
  for (const b of rules) {
    const used = state.bucketCount(stateKey(b), windowSlot(b.window, now).key);
    ratio = Math.min(ratio, Math.max(0, b.requests - used) / b.requests);
  }
  return ratio;
}

export function hasRoom(state: RoutingState, rules: readonly BucketRule[], now: number): boolean {
  return remainingRatio(state, rules, now) > 0;
}

/**
 * Reserves one slot in every bucket, or none and returns undefined when any is full.
 * Synchronous (so atomic) for in-process stores; a Promise when the store reserves
 * remotely through `tryReserve`.
 */
export function reserve(state: RoutingState, rules: readonly BucketRule[], now: number): Reservation | undefined | Promise<Reservation | undefined> {
  const slots = rules.map((b) => ({ bucket: stateKey(b), slot: windowSlot(b.window, now), rule: b }));
  let released = false;
  const reservation: Reservation = {
    release() {
      if (released) return;
      released = true;
      for (const { bucket, slot } of slots) state.addToBucket(bucket, slot.key, -1, slot.end);
    },
  };
  if (slots.length > 0 && state.tryReserve) {
    const ok = state.tryReserve(slots.map(({ bucket, slot, rule }) => ({ bucket, window: slot.key, limit: rule.requests, expiresAt: slot.end })));
    return typeof ok === 'boolean' ? (ok ? reservation : undefined) : ok.then((granted) => (granted ? reservation : undefined));
  }
  if (slots.some(({ bucket, slot, rule }) => state.bucketCount(bucket, slot.key) >= rule.requests)) return undefined;
  for (const { bucket, slot } of slots) state.addToBucket(bucket, slot.key, 1, slot.end);
  return reservation;
}

/** When the first full bucket's window ends (the earliest window end when none looks full here). */
export function bucketsFullUntil(state: RoutingState, rules: readonly BucketRule[], now: number): number {
  const full = rules.filter((b) => !hasRoom(state, [b], now));
  const ends = (full.length > 0 ? full : rules).map((b) => windowSlot(b.window, now).end);
  return ends.length > 0 ? Math.min(...ends) : now + 1_000;
}
