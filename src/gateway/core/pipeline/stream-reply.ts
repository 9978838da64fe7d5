/**
 * A streamed upstream answer: read ahead to the first output part (an error before it
 * means the candidate failed and the next may be tried), then commit: raw bytes for
 * passthrough, or decode -> encode for translation. Errors after output are encoded
 * in-stream and the stream ends cleanly.
 *
 * Chunks are handled as the upstream client pushes them: no promise, generator step or
 * intermediate stream per chunk. What one socket read brings (often many deltas under
 * load) is gathered until the end of that tick and leaves as one piece, in one write to the
 * client: never later than the tick it arrived in.
 */
import {
  createStreamEncoder,
  createUpstreamDecoder,
  judgeParts,
  type CanonicalError,
  type StreamPart,
  type UpstreamFormat,
  type Usage,
  type WireFormat,
} from '../../../formats/index.js';
import type { UpstreamResponse } from '../../../upstream/types.js';
import { concatBytes } from '../bytes.js';
import { createPassthroughTap, type PassthroughTap } from './passthrough-tap.js';

/** Where a stream body goes: write returns false when the receiver wants a pause (it calls resume). */
export interface StreamSink {
  write(chunk: string | Uint8Array): boolean;
  end(): void;
}

/** A reply body that is sent as it arrives. The adapter starts it once, resumes it after a pause, or cancels it. */
export interface StreamBody {
  readonly kind: 'stream';
  start(sink: StreamSink): void;
  resume(): void;
  /** The client went away: stop reading the upstream. */
  cancel(): void;
  /**
   * Instead of start: when the bytes go out as they came (passthrough, nothing tapped or
   * stripped) and the upstream can hand over its body, the chunks read so far and the rest
   * as a stream, for the adapter to pipe natively. Undefined: use start.
   */
  native?(): Promise<{ replay: Uint8Array[]; rest: ReadableStream<Uint8Array> | undefined } | undefined>;
}

export type StreamOpen = { ok: true; body: StreamBody } | { ok: false; error: CanonicalError };

export interface StreamSpec {
  upstream: UpstreamFormat;
  client: WireFormat;
  passthrough: boolean;
  /** Take the usage-only chunk out of a passed-through OpenAI Chat stream (the client did not ask for it). */
  stripUsage?: boolean;
  includeUsage: boolean;
  now: () => number;
  customTools?: ReadonlySet<string>;
  /** Token usage as the stream reports it (canonical parts when translated, a light tap when passed through). */
  onUsage?: (usage: Partial<Usage>) => void;
  /** An error event sent in-stream after output had started. */
  onStreamError?: (message: string) => void;
}

const SETTLED = Promise.resolve();

function streamFailure(err: unknown): CanonicalError {
  const timeout = (err as { name?: string }).name === 'BodyTimeoutError' || (err as { timeout?: boolean }).timeout === true;
  return { status: timeout ? 504 : 502, kind: timeout ? 'timeout' : 'api_error', message: `upstream stream failed: ${(err as Error).message}` };
}

export function openStream(res: UpstreamResponse, spec: StreamSpec): Promise<StreamOpen> {
  const decoder = createUpstreamDecoder(spec.upstream, spec.now);
  const onUsage = spec.onUsage;
  const watch = (parts: StreamPart[]) => {
    if (!onUsage) return;
    for (const p of parts) {
      if ((p.type === 'usage' || p.type === 'start') && p.usage) onUsage(p.usage);
      else if (p.type === 'error') spec.onStreamError?.(p.error.message);
    }
  };
  // 'peek' until the first output decides; 'held' until the adapter starts sending; then 'flowing'.
  let phase: 'peek' | 'held' | 'flowing' | 'done' = 'peek';
  // What the peek read, replayed on start: decoded parts when translating, raw chunks when passing through.
  const peeked: StreamPart[] = [];
  const raw: Uint8Array[] = [];
  const held: Uint8Array[] = [];
  let heldEnd: { error?: Error } | undefined;
  let sink: StreamSink | undefined;
  let paused = false;
  let encoder: ReturnType<typeof createStreamEncoder> | undefined;
  const strip = spec.passthrough && spec.stripUsage === true;
  // A passed-through stream is read on the way (usage, errors, the usage-only chunk) only for someone who asked.
  const tapped = spec.passthrough && (strip || onUsage !== undefined || spec.onStreamError !== undefined);
  let tap: PassthroughTap | undefined;
  const batch: Uint8Array[] = [];
  let batchScheduled = false;

  const encode = (parts: StreamPart[]): string => {
    watch(parts);
    if (!encoder || parts.length === 0) return '';
    let out = '';
    for (const p of parts) for (const piece of encoder.push(p)) out += piece;
    return out;
  };
  const send = (chunk: string | Uint8Array) => {
    if (chunk.length === 0 || sink!.write(chunk)) return;
    paused = true;
    res.body.pause();
  };
  const fail = (err: unknown) => {
    // The client already has output: report in-stream, in its own format, and end cleanly.
    phase = 'done';
    res.body.destroy();
    const failure = streamFailure(err);
    spec.onStreamError?.(failure.message);
    sink!.write((encoder ?? createStreamEncoder(spec.client, { now: spec.now })).push({ type: 'error', error: failure }).join(''));
    sink!.end();
  };
  const forward = (chunk: Uint8Array) => {
    try {
      if (encoder) send(encode(decoder.push(chunk)));
      else send(tap ? tap.push(chunk) : chunk);
    } catch (err) {
      fail(err);
    }
  };
  const flushBatch = () => {
    batchScheduled = false;
    if (batch.length === 0 || phase !== 'flowing') return;
    const chunk = batch.length === 1 ? batch[0]! : concatBytes(batch);
    batch.length = 0;
    forward(chunk);
  };
  const gather = (chunk: Uint8Array) => {
    batch.push(chunk);
    if (batchScheduled) return;
    batchScheduled = true;
    // A reaction on a settled promise, not queueMicrotask: Node wraps each queueMicrotask
    // callback in an AsyncResource, and at a provider's pace this runs once per event.
    void SETTLED.then(flushBatch);
  };
  const finish = () => {
    flushBatch();
    if (phase !== 'flowing') return;
    phase = 'done';
    try {
      if (encoder) send(encode(decoder.flush()) + encoder.flush().join(''));
      else if (tap) send(tap.flush());
    } catch (err) {
      fail(err);
      return;
    }
    sink!.end();
  };
  const body: StreamBody = {
    kind: 'stream',
    start(s) {
      sink = s;
      phase = 'flowing';
      if (spec.passthrough) {
        if (tapped) tap = createPassthroughTap({ format: spec.upstream, strip, onUsage, onError: spec.onStreamError });
        for (const chunk of raw) forward(chunk);
      } else {
        encoder = createStreamEncoder(spec.client, {
          now: spec.now,
          includeUsage: spec.includeUsage,
          ...(spec.customTools ? { customTools: spec.customTools } : {}),
        });
        send(encode(peeked));
      }
      for (const chunk of held) if (phase === 'flowing') forward(chunk);
      raw.length = 0;
      held.length = 0;
      if (phase !== 'flowing') return;
      if (heldEnd) return heldEnd.error ? fail(heldEnd.error) : finish();
      if (!paused) res.body.resume();
    },
    resume() {
      if (!paused || phase !== 'flowing') return;
      paused = false;
      res.body.resume();
    },
    cancel() {
      if (phase === 'done') return;
      phase = 'done';
      res.body.destroy();
    },
  };
  const detach = res.body.detach?.bind(res.body);
  if (detach && spec.passthrough && !tapped) {
    body.native = async () => {
      if (phase !== 'held' || heldEnd?.error) return undefined;
      // Still 'held' while a read in flight lands (its chunk joins `held`, or it ends the body).
      const rest = heldEnd ? undefined : await detach();
      if (heldEnd?.error) {
        await rest?.cancel().catch(() => {});
        return undefined;
      }
      phase = 'done';
      const replay = [...raw, ...held];
      raw.length = 0;
      held.length = 0;
      return { replay, rest: heldEnd ? undefined : rest };
    };
  }

  return new Promise<StreamOpen>((resolve) => {
    const decide = (got: StreamPart[], ended: boolean) => {
      if (!spec.passthrough) peeked.push(...got);
      const verdict = judgeParts(got, ended);
      if (!verdict) return;
      if (verdict.outcome === 'error' && verdict.error) {
        phase = 'done';
        res.body.destroy();
        return resolve({ ok: false, error: verdict.error });
      }
      phase = 'held';
      if (ended) heldEnd = {};
      else res.body.pause();
      resolve({ ok: true, body });
    };
    const failBeforeOutput = (err: unknown) => {
      phase = 'done';
      res.body.destroy();
      resolve({ ok: false, error: streamFailure(err) });
    };
    res.body.subscribe({
      data(chunk) {
        if (phase === 'flowing') return gather(chunk);
        if (phase === 'held') return void held.push(chunk);
        if (phase !== 'peek') return;
        if (spec.passthrough) raw.push(chunk);
        try {
          decide(decoder.push(chunk), false);
        } catch (err) {
          failBeforeOutput(err);
        }
      },
      end() {
        if (phase === 'flowing') return finish();
        if (phase === 'held') return void (heldEnd = {});
        if (phase !== 'peek') return;
        try {
          decide(decoder.flush(), true);
        } catch (err) {
          failBeforeOutput(err);
        }
      },
      error(err) {
        if (phase === 'flowing') {
          flushBatch();
          return phase === 'flowing' ? fail(err) : undefined;
        }
        if (phase === 'held') return void (heldEnd = { error: err });
        if (phase === 'peek') failBeforeOutput(err);
      },
    });
  });
}
