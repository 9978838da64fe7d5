/**
 * V8 heap settings for the long-running gateway process (the detached daemon and the
 * login service). A gateway allocates fast and keeps little: a request's objects die as
 * soon as its response ends. V8's default lets the old generation double between
 * collections, so under 50 concurrent connections the process grew from ~70 MB to
 * ~180 MB of RSS, almost all of it garbage waiting for the next full collection; 20%
 * old-generation growth keeps it near 120 MB.
 *
 * The young generation gets 8 MB per semi-space: V8's usual 16 MB costs memory, 4 MB
 * costs CPU. Under 32 concurrent streams enough is in flight that every scavenge copies
 * it, and at 4 MB objects that live a few milliseconds get promoted and collected again as
 * old ones. Measured CPU per translated stream (Responses client, OpenAI upstream) in one
 * A/B: 4 MB 2,068 us, 8 MB 1,769 us, 16 MB 1,593 us; but over the whole of bench-stream
 * 16 MB saved only ~5% more than 8 MB and took peak RSS from 142 to 161 MB. Non-streamed
 * CPU per request: 193 us at 4 MB, 184 at 16. `npm run bench` (bench-stream,
 * bench-gateway) prints the current figures.
 *
 * Semi-space size is fixed when the heap is created, so it must be on the command line;
 * the growth factor is read at each collection, so `applyRuntimeHeapSettings` also sets it
 * for `start --foreground` run directly.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_FLAG = '--heap-growing-percent=20';
export const DAEMON_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', HEAP_GROWING_FLAG];

export function applyRuntimeHeapSettings(): void {
  setFlagsFromString(HEAP_GROWING_FLAG);
}
