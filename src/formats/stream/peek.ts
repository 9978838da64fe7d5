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

/**
 * What the parts decoded from one more chunk decide, if anything: whichever comes first of
 * an error or an output part (output then an error in one chunk is still output), else the
 * end of the stream or a finish part. Undefined: keep reading.
 */
export function judgeParts(got: readonly StreamPart[], ended: boolean): { outcome: PeekResult['outcome']; error?: CanonicalError } | undefined {
  const decisive = got.find((p) => p.type === 'error' || isOutputPart(p));
  if (decisive?.type === 'error') return { outcome: 'error', error: decisive.error };
  if (decisive) return { outcome: 'output' };
  if (ended || got.some((p) => p.type === 'finish')) return { outcome: 'ended' };
  return undefined;
}

export async function peekUntilOutput(source: AsyncIterator<Uint8Array | string>, decode: Stage<Uint8Array | string, StreamPart>): Promise<PeekResult> {
  const parts: StreamPart[] = [];
  for (;;) {
    const next = await source.next();
    const got = next.done ? decode.flush() : decode.push(next.value);
    parts.push(...got);
    const verdict = judgeParts(got, next.done === true);
    if (verdict) return { ...verdict, parts };
  }
}
