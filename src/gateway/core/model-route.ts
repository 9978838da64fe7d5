/** A model request or count_tokens through the pipeline, with its request record once the response is done. */
import type { CanonicalError, WireFormat } from '../../formats/index.js';
import { errorReply } from './pipeline/attempt.js';
import { buildRecord } from './observe/request-record.js';
import { handleCountTokens } from './pipeline/count-tokens-request.js';
import { detectClientFormat } from './pipeline/detect-format.js';
import { handleModelRequest, type GatewayContext } from './pipeline/handle-model-request.js';
import { emptyTrace } from './pipeline/request-trace.js';
import type { RequestBody } from './request-body.js';
import type { CoreReply, CoreRequest } from './types.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
/** nginx's status for a request whose client closed the connection before the answer. */
const CLIENT_CLOSED = 499;

export async function serveModel(
  ctx: GatewayContext,
  req: CoreRequest,
  body: RequestBody,
  routed: WireFormat | undefined,
  id: string,
  startedAt: number,
): Promise<CoreReply> {
  const client = routed ?? detectClientFormat(req.headers, body.value);
  ctx.inflight?.started();
  const trace = emptyTrace();
  const record = (status: number, aborted: boolean) => {
    if (!ctx.onRecord) return;
    const durationMs = performance.now() - startedAt;
    ctx.onRecord(
      buildRecord({
        id,
        startedAtMs: Date.now() - durationMs,
        client,
        path: req.url,
        model: body.model,
        stream: body.stream === true,
        status,
        aborted,
        durationMs,
        trace,
        config: ctx.getConfig(),
      }),
    );
  };
  let result;
  try {
    result = await handleModelRequest(ctx, { client, body, headers: req.headers, signal: req.signal, startedAt, trace });
  } catch (err) {
    ctx.inflight?.finished();
    // The client left before any answer (Esc in a coding tool): logged as 499, client closed request.
    if (req.signal.aborted) record(CLIENT_CLOSED, true);
    throw err;
  }
  return {
    status: result.status,
    headers: result.headers,
    body: result.body,
    done(aborted) {
      ctx.inflight?.finished();
      record(result.status, aborted);
    },
  };
}

export async function serveCountTokens(ctx: GatewayContext, req: CoreRequest, body: Record<string, unknown>): Promise<CoreReply> {
  const result = await handleCountTokens(ctx, body, req.headers, req.signal);
  return { status: result.status, headers: result.headers, body: result.body };
}

/** An error the gateway itself answers before any upstream (guards, auth, bodies), in the client's format. */
export function renderedError(client: WireFormat, error: CanonicalError, headers: Record<string, string> = {}): CoreReply {
  return errorReply(client, error, { ...JSON_TYPE, ...headers });
}
