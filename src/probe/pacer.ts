/**
 * Token-bucket pacing for probe requests: `rpm` tokens a minute, a small burst
 * (a tenth of a minute's worth, at least one). Time and sleep are injected for tests.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Pacer {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();
  readonly capacity: number;
  private readonly perMs: number;

  constructor(
    readonly rpm: number,
    private readonly clock: Clock = realClock,
    burst?: number,
  ) {
    this.capacity = burst ?? Math.max(1, Math.floor(rpm / 10));
    this.perMs = rpm / 60_000;
    this.tokens = this.capacity;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
  }

  /** Resolves when a request may be sent; callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      this.refill();
      if (this.tokens < 1) {
        await this.clock.sleep(Math.ceil((1 - this.tokens) / this.perMs));
        this.refill();
      }
      this.tokens = Math.max(0, this.tokens - 1);
    });
    this.queue = turn;
    return turn;
  }

  /** After a 429 the provider has said "slow down": start again from an empty bucket. */
  drain(): void {
    this.refill();
    this.tokens = 0;
  }
}

/** Retry-After as milliseconds: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
