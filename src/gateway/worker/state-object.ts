/**
 * The Durable Object behind the LLM_ROUTER_STATE binding: one instance (named "routing")
 * serves every isolate of the Worker, one call at a time, so a bucket reservation is
 * atomic across all of them. Each change is written to the object's storage before the
 * answer leaves (the runtime holds the reply until the write is durable), so an evicted
 * object comes back with its counters, cooldowns and tickets.
 */
import { DurableObject } from 'cloudflare:workers';
import type { CandidateHealth, SyncRequest } from '../../routing/state/routing-state.js';
import { StateStore, type PersistedState, type ReserveAnswer, type Slot, type SyncAnswer } from './state-store.js';

const KEY = 'routing-state';

export class RoutingStateObject extends DurableObject {
  private store: StateStore | undefined;

  private async ready(): Promise<StateStore> {
    if (!this.store) {
      const saved = await this.ctx.storage.get<PersistedState>(KEY);
      this.store ??= new StateStore(saved, Date.now());
    }
    return this.store;
  }

  private save(store: StateStore): void {
    void this.ctx.storage.put(KEY, store.persisted(Date.now()));
  }

  async sync(request: SyncRequest): Promise<SyncAnswer> {
    const store = await this.ready();
    const answer = store.sync(request);
    if (answer.ticket !== undefined) this.save(store);
    return answer;
  }

  async reserve(slots: Slot[]): Promise<ReserveAnswer> {
    const store = await this.ready();
    const answer = store.reserve(slots, Date.now());
    if (answer.ok) this.save(store);
    return answer;
  }

  async release(bucket: string, window: string, slots: number): Promise<void> {
    const store = await this.ready();
    store.release(bucket, window, slots);
    this.save(store);
  }

  async setHealth(candidate: string, health: CandidateHealth | null): Promise<void> {
    const store = await this.ready();
    store.setHealth(candidate, health);
    this.save(store);
  }

  /** What is counted now in a bucket window (for tests and `/health` diagnostics). */
  async bucketCount(bucket: string, window: string): Promise<number> {
    return (await this.ready()).bucketCount(bucket, window);
  }
}
