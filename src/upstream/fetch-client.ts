/**
 * The upstream HTTP client on the Fetch API (the Cloudflare Worker's; any runtime with
 * fetch): a timeout to the response headers, a separate idle timeout between body chunks
 * (a long healthy stream is never cut), abort from the caller, and the body pushed to the
 * pipeline chunk by chunk with pause/resume (reading stops while paused).
 */
import { UpstreamNetworkError, type ChunkHandlers, type UpstreamBody, type UpstreamSend } from './types.js';

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

class Timeout extends Error {
  override readonly name = 'TimeoutError';
}

export function createFetchClient(fetchImpl: Fetch = (input, init) => fetch(input, init)): { send: UpstreamSend } {
  const send: UpstreamSend = async (req) => {
    const ctl = new AbortController();
    const onAbort = () => ctl.abort(req.signal.reason);
    if (req.signal.aborted) onAbort();
    else req.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => ctl.abort(new Timeout(`upstream did not answer within ${req.headersTimeoutMs} ms`)), req.headersTimeoutMs);
    let res: Response;
    try {
      res = await fetchImpl(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: ctl.signal });
    } catch (err) {
      req.signal.removeEventListener('abort', onAbort);
      if (req.signal.aborted) throw err;
      const reason = ctl.signal.reason;
      if (reason instanceof Timeout) throw new UpstreamNetworkError(reason.message, true, err);
      throw new UpstreamNetworkError(`cannot reach upstream: ${(err as Error).message}`, false, err);
    } finally {
      clearTimeout(timer);
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = pushedBody(res, ctl, req.idleTimeoutMs, () => req.signal.removeEventListener('abort', onAbort));
    return { status: res.status, headers, body, text: () => collect(body) };
  };
  return { send };
}

function collect(body: UpstreamBody): Promise<string> {
  return new Promise((resolve, reject) => {
    const decoder = new TextDecoder();
    let text = '';
    body.subscribe({
      data: (chunk) => {
        text += decoder.decode(chunk, { stream: true });
      },
      end: () => resolve(text + decoder.decode()),
      error: reject,
    });
  });
}

/** The response body as the pipeline's push-style body, read as fast as it is consumed. */
/**
 * A reader for the body: a BYOB reader into one reused buffer where the stream is a byte
 * stream (workerd's are; each read costs a turn of its event loop, and a BYOB read takes
 * what has arrived in fewer of them), else the default reader. What is read is copied out,
 * so the buffer can be reused.
 */
function chunkReader(body: ReadableStream<Uint8Array>): { read(): Promise<Uint8Array | undefined>; cancel(reason?: unknown): Promise<void>; release(): void } {
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = body.getReader({ mode: 'byob' });
  } catch {
    byob = undefined;
  }
  if (byob) {
    const reader = byob;
    let buffer = new ArrayBuffer(65_536);
    return {
      async read() {
        const { done, value } = await reader.read(new Uint8Array(buffer));
        if (done || !value) return undefined;
        buffer = value.buffer as ArrayBuffer;
        return value.slice();
      },
      cancel: (reason) => reader.cancel(reason),
      release: () => reader.releaseLock(),
    };
  }
  const reader = body.getReader();
  return {
    async read() {
      const { done, value } = await reader.read();
      return done ? undefined : (value ?? new Uint8Array(0));
    },
    cancel: (reason) => reader.cancel(reason),
    release: () => reader.releaseLock(),
  };
}

function pushedBody(res: Response, ctl: AbortController, idleTimeoutMs: number, cleanup: () => void): UpstreamBody {
  const reader = res.body ? chunkReader(res.body) : undefined;
  let handlers: ChunkHandlers | undefined;
  let paused = false;
  let reading = false;
  let gone = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const finish = (fn: () => void) => {
    if (gone) return;
    gone = true;
    clearTimeout(idle);
    cleanup();
    fn();
  };
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      const err = new UpstreamNetworkError(`upstream sent nothing for ${idleTimeoutMs} ms`, true, undefined);
      finish(() => handlers?.error(err));
      void reader?.cancel(err).catch(() => {});
      ctl.abort(err);
    }, idleTimeoutMs);
  };
  let idleRead: (() => void) | undefined;
  const pump = async () => {
    if (reading || gone || !reader) return;
    reading = true;
    try {
      while (!paused && !gone) {
        arm();
        const value = await reader.read();
        if (gone) return;
        if (value === undefined) return finish(() => handlers?.end());
        if (value.length > 0) handlers?.data(value);
      }
      clearTimeout(idle);
    } catch (err) {
      finish(() => handlers?.error(err instanceof Error ? err : new Error(String(err))));
    } finally {
      reading = false;
      idleRead?.();
    }
  };
  return {
    subscribe(h) {
      handlers = h;
      if (!reader) return void Promise.resolve().then(() => finish(() => h.end()));
      void pump();
    },
    pause() {
      paused = true;
    },
    resume() {
      if (!paused) return;
      paused = false;
      void pump();
    },
    async detach() {
      paused = true;
      if (reading) await new Promise<void>((resolve) => (idleRead = resolve));
      gone = true;
      clearTimeout(idle);
      cleanup();
      reader?.release();
      return res.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    },
    destroy(err) {
      if (gone) return;
      gone = true;
      clearTimeout(idle);
      cleanup();
      void reader?.cancel(err).catch(() => {});
      ctl.abort(err);
    },
  };
}
