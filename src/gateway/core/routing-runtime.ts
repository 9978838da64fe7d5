/** The routing runtime the gateway plans with: state store, settings, clock, randomness, sleep. */
import type { AbortLike } from '../../upstream/types.js';
import { routingSettingsFromEnv, type RoutingSettings } from '../../routing/settings.js';
import { createMemoryState, type RoutingState } from '../../routing/state/routing-state.js';

export interface RoutingRuntime {
  state: RoutingState;
  settings: RoutingSettings;
  /** Milliseconds since the epoch. */
  clock: () => number;
  random: () => number;
  sleep: (ms: number, signal: AbortLike) => Promise<void>;
}

function abortableSleep(ms: number, signal: AbortLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function createRoutingRuntime(env: Record<string, string | undefined>, overrides: Partial<RoutingRuntime> = {}): RoutingRuntime {
  return { state: createMemoryState(), settings: routingSettingsFromEnv(env), clock: Date.now, random: Math.random, sleep: abortableSleep, ...overrides };
}
