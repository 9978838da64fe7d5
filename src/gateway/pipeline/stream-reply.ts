/**
 * A streamed upstream answer: read ahead to the first output part (an error before it
 * means the candidate failed and the next may be tried), then commit: raw bytes for
 * passthrough, or decode -> encode for translation. Errors after output are encoded
 * in-stream and the stream ends cleanly.
 */
import {
  createStreamEncoder,
  createUpstreamDecoder,
  peekUntilOutput,
  type CanonicalError,
  type StreamPart,
  type UpstreamFormat,
  type Usage,
  type WireFormat,
} from '../../formats/index.js';
import type { PeekResult } from '../../formats/stream/peek.js';
import type { UpstreamResponse } from '../../upstream/types.js';
import { createUsageTap } from '../observe/usage-tap.js';

export type StreamOpen = { ok: true; body: AsyncIterable<string | Uint8Array> } | { ok: false; error: CanonicalError };

export interface StreamSpec {
  upstream: UpstreamFormat;
  client: WireFormat;
  passthrough: boolean;
  includeUsage: boolean;
  now: () => number;
  customTools?: ReadonlySet<string>;
  /** Token usage as the stream reports it (canonical parts when translated, a light tap when passed through). */
  onUsage?: (usage: Partial<Usage>) => void;
  /** An error event sent in-stream after output had started. */
  onStreamError?: (message: string) => void;
}

function streamFailure(err: unknown): CanonicalError {
  const timeout = (err as { name?: string }).name === 'BodyTimeoutError' || (err as { timeout?: boolean }).timeout === true;
  return { status: timeout ? 504 : 502, kind: timeout ? 'timeout' : 'api_error', message: `upstream stream failed: ${(err as Error).message}` };
}

export async function openStream(res: UpstreamResponse, spec: StreamSpec): Promise<StreamOpen> {
  const iterator = res.body[Symbol.asyncIterator]();
  const decoder = createUpstreamDecoder(spec.upstream, spec.now);
  const raw: Uint8Array[] = [];
  const tap: AsyncIterator<Uint8Array> = {
    next: async () => {
      const r = await iterator.next();
      if (!r.done) raw.push(r.value);
      return r;
    },
  };
  let peek: PeekResult;
  try {
    peek = await peekUntilOutput(tap, decoder);
  } catch (err) {
    res.body.destroy();
    return { ok: false, error: streamFailure(err) };
  }
  if (peek.outcome === 'error' && peek.error) {
    res.body.destroy();
    return { ok: false, error: peek.error };
  }
  const encoder = spec.passthrough
    ? undefined
    : createStreamEncoder(spec.client, { now: spec.now, includeUsage: spec.includeUsage, ...(spec.customTools ? { customTools: spec.customTools } : {}) });
  const onUsage = spec.onUsage;
  const usageTap = spec.passthrough && onUsage ? createUsageTap(spec.upstream, onUsage, spec.onStreamError) : undefined;
  const watch = (parts: StreamPart[]) => {
    if (!onUsage) return;
    for (const p of parts) {
      if ((p.type === 'usage' || p.type === 'start') && p.usage) onUsage(p.usage);
      else if (p.type === 'error') spec.onStreamError?.(p.error.message);
    }
  };
  const encode = (parts: StreamPart[]): string => {
    watch(parts);
    return encoder ? parts.flatMap((p) => encoder.push(p)).join('') : '';
  };
  async function* body(): AsyncGenerator<string | Uint8Array> {
    try {
      if (encoder) yield encode(peek.parts);
      else {
        for (const chunk of raw) usageTap?.push(chunk);
        yield* raw;
      }
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        if (!encoder) {
          usageTap?.push(next.value);
          yield next.value;
          continue;
        }
        const text = encode(decoder.push(next.value));
        if (text !== '') yield text;
      }
      if (encoder) yield encode(decoder.flush()) + encoder.flush().join('');
    } catch (err) {
      // The client already has output: report in-stream, in its own format, and end cleanly.
      const errorEncoder = encoder ?? createStreamEncoder(spec.client, { now: spec.now });
      const failure = streamFailure(err);
      spec.onStreamError?.(failure.message);
      yield errorEncoder.push({ type: 'error', error: failure }).join('');
    } finally {
      res.body.destroy();
    }
  }
  return { ok: true, body: body() };
}
