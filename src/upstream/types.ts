/** The upstream HTTP call as the gateway pipeline sees it: no HTTP library in these types. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, string>;
  body: UpstreamBody;
  text(): Promise<string>;
}

export interface ChunkHandlers {
  data(chunk: Uint8Array): void;
  end(): void;
  error(err: Error): void;
}

/**
 * A streamed response body, pushed: chunks arrive in order, synchronously as the client
 * reads them off the socket (so what one read brings can leave in one write), with
 * pause/resume for backpressure. Exactly one of end or error ends it, unless destroyed.
 */
export interface UpstreamBody {
  /** Starts the flow; call once. */
  subscribe(handlers: ChunkHandlers): void;
  pause(): void;
  resume(): void;
  /** Stops reading and frees the connection; no handler is called after it. */
  destroy(err?: Error): void;
  /**
   * Where a native pipe is cheaper than pushing chunks (the Worker): stops pushing (a read
   * in flight is delivered first) and hands over the rest of the body as a stream. No
   * handler is called after it resolves, and the idle timeout no longer applies.
   */
  detach?(): Promise<ReadableStream<Uint8Array>>;
}

/**
 * What the gateway's work needs of an AbortSignal: whether the client went away, why, and
 * abort listeners. An AbortSignal is one; the Node adapter passes a lighter object
 * (gateway/node/client-gone.ts).
 */
export interface AbortLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface UpstreamRequest {
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
  signal: AbortLike;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
}

export type UpstreamSend = (request: UpstreamRequest) => Promise<UpstreamResponse>;

export class UpstreamNetworkError extends Error {
  readonly timeout: boolean;
  constructor(message: string, timeout: boolean, cause: unknown) {
    super(message, { cause });
    this.name = 'UpstreamNetworkError';
    this.timeout = timeout;
  }
}
