/**
 * Bounded memory while bodies arrive: the bytes of request bodies being received or
 * handled at once (LLM_ROUTER_MAX_INFLIGHT_BODY_BYTES), from Content-Length up front and
 * counted as they arrive for chunked bodies. Beyond it, 503 `server_busy` with Retry-After
 * before the body is read. (The count of model requests at once is the core's.)
 */
import { Transform, type Readable } from 'node:stream';

export class BusyError extends Error {
  readonly statusCode = 503;
  readonly code = 'LLR_SERVER_BUSY';
}

export interface BodyBudget {
  /** Reserves a declared length; the refusal message when it does not fit. */
  admit(declared: number): string | undefined;
  /** Counts a chunked body as it arrives; errors with BusyError past the budget. */
  counted(payload: Readable, onBytes: (n: number) => void): Readable;
  /** Gives back bytes reserved by admit or counted. */
  release(bytes: number): void;
}

export function createBodyBudget(maxInflightBodyBytes: number): BodyBudget {
  let bytes = 0;
  return {
    admit(declared) {
      if (bytes + declared > maxInflightBodyBytes)
        return `llm-router is busy: ${bytes + declared} body bytes would be in flight (LLM_ROUTER_MAX_INFLIGHT_BODY_BYTES=${maxInflightBodyBytes}); retry shortly`;
      bytes += declared;
      return undefined;
    },
    counted(payload, onBytes) {
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          if (bytes + chunk.length > maxInflightBodyBytes)
            return done(
              new BusyError(`llm-router is busy: body bytes in flight exceed LLM_ROUTER_MAX_INFLIGHT_BODY_BYTES=${maxInflightBodyBytes}; retry shortly`),
            );
          bytes += chunk.length;
          onBytes(chunk.length);
          done(null, chunk);
        },
      });
      return payload.pipe(counter);
    },
    release(n) {
      bytes -= n;
    },
  };
}
