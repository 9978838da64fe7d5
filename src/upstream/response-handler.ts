/**
 * One upstream call as an undici dispatch handler: the response's head resolves the call,
 * and its body goes straight to the one subscriber as undici parses it, with no Readable,
 * AsyncResource or promise per chunk in between (what `request()` adds: a Readable's push,
 * buffering and 'data' event per chunk, and an AsyncResource per call). Backpressure is undici's own: a
 * chunk that arrives while paused (or before anyone subscribed) is kept, and past 64 KiB
 * kept the parser stops until resume. Aborting the caller's signal aborts the request at any stage.
 */
import type { Dispatcher } from 'undici';
import type { AbortLike, ChunkHandlers, UpstreamBody, UpstreamResponse } from './types.js';
import { errors, parseHeaders } from './undici-slim.js';

type Abort = (reason?: Error) => void;

/** UTF-8, a leading BOM dropped (TextDecoder's default), as undici's own text(). */
const utf8 = new TextDecoder();
/** Bytes held while paused before the parser is told to stop (a Readable's default high-water mark). */
const HIGH_WATER = 64 * 1024;

/** undici's parsed headers as the pipeline takes them: lower-case names, repeated values joined. */
function headersOf(raw: Buffer[]): Record<string, string> {
  const parsed = parseHeaders(raw) as Record<string, string | string[] | undefined>;
  const out: Record<string, string> = {};
  for (const name in parsed) {
    const value = parsed[name];
    if (value !== undefined) out[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return out;
}

export class ResponseHandler implements Dispatcher.DispatchHandler, UpstreamBody {
  #signal: AbortLike;
  #onAbort = (): void => {
    // Not connected yet: fail the call now; undici calls onConnect later, which aborts at once.
    if (this.#abort) this.#abort(this.#abortReason());
    else this.onError(this.#abortReason());
  };
  #abort: Abort | undefined;
  #resumeParser: (() => void) | undefined;
  #settle: { resolve: (res: UpstreamResponse) => void; reject: (err: unknown) => void } | undefined;
  #handlers: ChunkHandlers | undefined;
  /** Chunks parsed while paused or before subscribe, and how the body ended, if it did. */
  #queue: Uint8Array[] = [];
  #queued = 0;
  #ended: { error?: Error } | undefined;
  #paused = false;
  #gone = false;
  #inParser = false;

  constructor(signal: AbortLike, resolve: (res: UpstreamResponse) => void, reject: (err: unknown) => void) {
    this.#signal = signal;
    this.#settle = { resolve, reject };
    signal.addEventListener('abort', this.#onAbort);
  }

  /** The caller's abort reason when it is an Error, else undici's own abort error. */
  #abortReason(): Error {
    const reason = this.#signal.reason;
    return this.#signal.aborted && reason instanceof Error ? reason : new errors.RequestAbortedError();
  }

  #release(): void {
    this.#signal.removeEventListener('abort', this.#onAbort);
  }

  onConnect(abort: Abort): void {
    this.#abort = abort;
    if (this.#signal.aborted || this.#gone) abort(this.#abortReason());
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (statusCode < 200) return true; // 1xx: the real head follows
    this.#resumeParser = resume;
    const settle = this.#settle;
    this.#settle = undefined;
    settle?.resolve({ status: statusCode, headers: headersOf(rawHeaders), body: this, text: () => this.#text() });
    // Nobody reads the body yet: hold what comes until subscribe.
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#gone) return true;
    if (this.#paused || !this.#handlers) {
      // Held up to a high-water mark before the parser stops (as a Readable would): a
      // paused parser gives the rest of its socket read back to the socket, to be copied
      // and parsed again on resume, which costs more than holding a few chunks.
      this.#queue.push(chunk);
      this.#queued += chunk.length;
      return this.#queued < HIGH_WATER;
    }
    this.#inParser = true;
    try {
      this.#handlers.data(chunk);
    } finally {
      this.#inParser = false;
    }
    return !this.#paused;
  }

  onComplete(): void {
    this.#release();
    this.#finish({});
  }

  onError(err: Error): void {
    this.#release();
    const settle = this.#settle;
    if (settle) {
      this.#settle = undefined;
      settle.reject(err);
      return;
    }
    this.#finish({ error: err });
  }

  #finish(end: { error?: Error }): void {
    if (this.#gone || this.#ended) return;
    this.#ended = end;
    if (this.#handlers && !this.#paused && this.#queue.length === 0) this.#deliverEnd();
  }

  #deliverEnd(): void {
    const end = this.#ended!;
    const handlers = this.#handlers!;
    this.#gone = true;
    if (end.error) handlers.error(end.error);
    else handlers.end();
  }

  /** Hands over what was held, in order, until paused again; then the end, or the parser resumes. */
  #drain(): void {
    while (this.#queue.length > 0 && !this.#paused && !this.#gone) {
      const chunk = this.#queue.shift()!;
      this.#queued -= chunk.length;
      this.#handlers!.data(chunk);
    }
    if (this.#paused || this.#gone) return;
    if (this.#ended) this.#deliverEnd();
    else if (this.#inParser) queueMicrotask(() => this.#resumeParser?.());
    else this.#resumeParser?.();
  }

  subscribe(handlers: ChunkHandlers): void {
    this.#handlers = handlers;
    if (!this.#paused) this.#drain();
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    if (this.#handlers) this.#drain();
  }

  destroy(err?: Error): void {
    if (this.#gone) return;
    this.#gone = true;
    this.#queue = [];
    this.#queued = 0;
    this.#release();
    if (!this.#ended) this.#abort?.(err ?? new errors.RequestAbortedError());
  }

  /** The whole body as text. */
  #text(): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      this.subscribe({
        data(chunk) {
          chunks.push(chunk);
          size += chunk.length;
        },
        end: () => resolve(utf8.decode(Buffer.concat(chunks, size))),
        error: reject,
      });
    });
  }
}
