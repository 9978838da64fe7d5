/**
 * V8 heap settings for the long-running gateway process (the detached daemon and the
 * login service). A gateway allocates fast and keeps little: a request's objects die as
 * soon as its response ends. V8's defaults suit the opposite (a 16 MB semi-space, and an
 * old generation allowed to double between collections), so under 50 concurrent
 * connections the process grew from ~70 MB to ~180 MB of RSS, almost all of it garbage
 * waiting for the next full collection. A 4 MB semi-space and 20% old-generation growth
 * keep peak RSS near 110 MB at the same throughput (`npm run bench`: bench-gateway).
 *
 * Semi-space size is fixed when the heap is created, so it must be on the command line;
 * the growth factor is read at each collection, so `applyRuntimeHeapSettings` also sets it
 * for `start --foreground` run directly.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_FLAG = '--heap-growing-percent=20';
export const DAEMON_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', HEAP_GROWING_FLAG];

export function applyRuntimeHeapSettings(): void {
  setFlagsFromString(HEAP_GROWING_FLAG);
}
