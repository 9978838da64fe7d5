/**
 * The gateway core's request and reply: plain data and Web APIs only, so one core serves
 * the Node server (gateway/node) and the Cloudflare Worker (gateway/worker). An adapter
 * turns its runtime's request into a CoreRequest and writes the CoreReply back.
 */
import type { AbortLike } from '../../upstream/types.js';
import type { StreamBody } from './pipeline/stream-reply.js';

/** Header names in lower case, as Node and the Fetch API both hand them over. */
export type HeaderMap = Record<string, string | string[] | undefined>;

/** What is known before the body is read: enough to refuse early (guards, auth, busy). */
export interface CoreHead {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: HeaderMap;
  /** The client's address (the socket's, or cf-connecting-ip on the Worker). */
  remoteIp: string;
  /** The address the request came in on, when the runtime knows it (the Host check applies on loopback). */
  localIp?: string;
}

export interface CoreRequest extends CoreHead {
  /**
   * The body bytes (undefined: the request had none), or a reader the core calls only once
   * the head is admitted (it may throw a BodyError, e.g. `body_too_large`).
   */
  body?: Uint8Array | (() => Promise<Uint8Array | undefined>);
  /** Aborted when the client goes away. */
  signal: AbortLike;
}

export interface CoreReply {
  status: number;
  headers: Record<string, string>;
  body?: string | StreamBody;
  /**
   * The adapter calls this once, when the response has been sent or cut off (aborted: the
   * client went away first). Request records are built from it.
   */
  done?: (aborted: boolean) => void;
}

export type { StreamBody, StreamSink } from './pipeline/stream-reply.js';
