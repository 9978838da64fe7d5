/**
 * What a passed-through stream tells the gateway, read off the bytes as they go by: token
 * usage and in-stream errors (for the request log), and for OpenAI Chat clients that did
 * not ask for usage, the usage-only chunk (`choices: []` plus `usage`) taken back out (the
 * gateway asked the provider for it, so the log and cost see the tokens).
 *
 * Nothing is decoded unless an event holds a `"usage"` object, an `"error"` object or an
 * `"error"` value; only that event is decoded and parsed. Without stripping, every chunk
 * leaves untouched as it came; with it, an event split across chunks is held until its
 * blank line arrives, and only the usage-only event is cut out.
 */
import type { UpstreamFormat, Usage } from '../../../formats/index.js';
import { usageFromStreamEvent } from '../../../formats/usage.js';
import { concatBytes } from '../bytes.js';
import { eventEndAfter, eventStartBefore, findKey, hitWorthParsing, lastEventEnd } from './sse-bytes.js';

export interface PassthroughTap {
  /** The bytes to send for this chunk (the chunk itself unless stripping). */
  push(chunk: Uint8Array): Uint8Array;
  /** What is still held at the end of the stream. */
  flush(): Uint8Array;
}

export interface TapOptions {
  format: UpstreamFormat;
  /** Take the usage-only chunk out (OpenAI Chat). */
  strip: boolean;
  onUsage?: ((usage: Partial<Usage>) => void) | undefined;
  onError?: ((message: string) => void) | undefined;
}

const EMPTY = new Uint8Array(0);

function errorMessage(data: Record<string, unknown>): string | undefined {
  const record = data as { error?: unknown; type?: unknown; message?: unknown; response?: { error?: unknown } };
  if (record.type === 'error' && record.error === undefined && typeof record.message === 'string') return record.message;
  const error = record.error ?? (record.type === 'response.failed' ? record.response?.error : undefined);
  if (typeof error !== 'object' || error === null) return undefined;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? message : JSON.stringify(error).slice(0, 300);
}

/** The data lines of one event, joined as SSE joins them. */
function eventData(text: string): string {
  let data: string | undefined;
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (!line.startsWith('data:')) continue;
    const value = line.slice(line.startsWith('data: ') ? 6 : 5);
    data = data === undefined ? value : `${data}\n${value}`;
  }
  return data ?? '';
}

export function createPassthroughTap(opts: TapOptions): PassthroughTap {
  const decoder = new TextDecoder();
  let held: Uint8Array[] = [];

  /** Reads one complete event; true when it is the usage-only chunk to cut out. */
  const inspect = (bytes: Uint8Array): boolean => {
    let value: unknown;
    try {
      value = JSON.parse(eventData(decoder.decode(bytes)));
    } catch {
      return false; // not JSON: the client gets it as it is; there is nothing to read
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const data = value as Record<string, unknown>;
    const usage = opts.onUsage ? usageFromStreamEvent(opts.format, data) : undefined;
    if (usage) opts.onUsage!(usage);
    const message = opts.onError ? errorMessage(data) : undefined;
    if (message !== undefined) opts.onError!(message);
    return opts.strip && Array.isArray(data.choices) && data.choices.length === 0 && typeof data.usage === 'object' && data.usage !== null;
  };

  /** Scans the complete events in d[0, cut); returns the bytes to send when stripping. */
  const scan = (d: Uint8Array, cut: number): Uint8Array => {
    let kept: Uint8Array[] | undefined;
    let keepFrom = 0;
    let i = 0;
    for (let hit = findKey(d, i, cut); hit; hit = findKey(d, i, cut)) {
      if (!hitWorthParsing(d, hit, cut) || (hit.key === 'error' && !opts.onError)) {
        i = hit.at + 1;
        continue;
      }
      const start = eventStartBefore(d, hit.at, 0);
      const end = eventEndAfter(d, hit.at, cut);
      const stop = end === -1 ? cut : end;
      if (inspect(d.subarray(start, stop))) {
        (kept ??= []).push(d.subarray(keepFrom, start));
        keepFrom = stop;
      }
      i = stop;
    }
    if (!kept) return d.subarray(0, cut);
    kept.push(d.subarray(keepFrom, cut));
    return concatBytes(kept);
  };

  /** Where an event ends in this chunk: the last blank line in it, or one that began in the held bytes. */
  const cutIn = (chunk: Uint8Array): number => {
    const inside = lastEventEnd(chunk, 0, chunk.length);
    if (inside !== -1 || held.length === 0) return inside;
    const last = held[held.length - 1]!;
    const tail = last.subarray(Math.max(0, last.length - 3));
    const seam = concatBytes([tail, chunk.subarray(0, 3)]);
    const end = lastEventEnd(seam, 0, seam.length);
    return end > tail.length ? end - tail.length : -1;
  };

  return {
    push(chunk) {
      const cut = cutIn(chunk);
      if (cut === -1) {
        // No event ends here yet: keep a copy (the reader may reuse the chunk's buffer).
        // Held pieces are joined once, when their event ends, so a huge event costs O(size).
        held.push(chunk.slice());
        return opts.strip ? EMPTY : chunk;
      }
      const d = held.length === 0 ? chunk : concatBytes([...held, chunk]);
      const end = d.length - chunk.length + cut;
      const out = scan(d, end);
      held = end === d.length ? [] : [d.slice(end)];
      return opts.strip ? out : chunk;
    },
    flush() {
      const rest = concatBytes(held);
      held = [];
      return opts.strip ? rest : EMPTY;
    },
  };
}
