/**
 * V8 heap settings for the long-running gateway process (the detached daemon and the
 * login service). A gateway allocates fast and keeps little: a request's objects die as
 * soon as its response ends. V8's default lets the old generation double between
 * collections, so under 50 concurrent connections the process grew from ~70 MB to
 * ~180 MB of RSS, almost all of it garbage waiting for the next full collection; 20%
 * old-generation growth keeps it near 120 MB.
 *
 * The young generation is left at 16 MB per semi-space (V8's usual maximum). A smaller
 * one saves a little memory and costs much CPU under streaming load: 32 concurrent
 * streams keep enough in flight that every scavenge copies it, and objects that live a
 * few milliseconds get promoted. Measured on translated streams (Responses client,
 * OpenAI upstream), CPU per stream: 4 MB 2,068 us, 8 MB 1,769 us, 16 MB 1,593 us, peak
 * RSS 118, 121, 132 MB; non-streamed 193, 184 us at 4 and 16 MB (32 MB: 176 us but
 * 152 MB). `npm run bench` (bench-stream, bench-gateway) prints the current figures.
 *
 * Semi-space size is fixed when the heap is created, so it must be on the command line;
 * the growth factor is read at each collection, so `applyRuntimeHeapSettings` also sets it
 * for `start --foreground` run directly.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_FLAG = '--heap-growing-percent=20';
export const DAEMON_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16', HEAP_GROWING_FLAG];

export function applyRuntimeHeapSettings(): void {
  setFlagsFromString(HEAP_GROWING_FLAG);
}
