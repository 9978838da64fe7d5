/**
 * Reads an upstream stream until the first output part (or an error, or the end), so the
 * gateway can still fall back when an error arrives inside an HTTP 200 stream before any
 * output was sent. The parts read so far are returned for replay.
 */
import { isOutputPart, type CanonicalError, type StreamPart } from '../canonical/types.js';
import type { Stage } from './stage.js';

export interface PeekResult {
  /** output: safe to commit; error: failed before output; ended: finished or closed without output. */
  outcome: 'output' | 'error' | 'ended';
  parts: StreamPart[];
  error?: CanonicalError;
}

export async function peekUntilOutput(source: AsyncIterator<Uint8Array | string>, decode: Stage<Uint8Array | string, StreamPart>): Promise<PeekResult> {
  const parts: StreamPart[] = [];
  for (;;) {
    const next = await source.next();
    const got = next.done ? decode.flush() : decode.push(next.value);
    parts.push(...got);
    // Whichever comes first decides: output then an error (in one chunk) is still output.
    const decisive = got.find((p) => p.type === 'error' || isOutputPart(p));
    if (decisive?.type === 'error') return { outcome: 'error', parts, error: decisive.error };
    if (decisive) return { outcome: 'output', parts };
    if (next.done || got.some((p) => p.type === 'finish')) return { outcome: 'ended', parts };
  }
}
