/** A model request or count_tokens through the pipeline, with its request record once the response is done. */
import { renderError, type WireFormat } from '../../formats/index.js';
import { buildRecord } from './observe/request-record.js';
import { handleCountTokens } from './pipeline/count-tokens-request.js';
import { detectClientFormat } from './pipeline/detect-format.js';
import { handleModelRequest, type GatewayContext } from './pipeline/handle-model-request.js';
import type { CoreReply, CoreRequest } from './types.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

export async function serveModel(
  ctx: GatewayContext,
  req: CoreRequest,
  raw: Uint8Array | undefined,
  body: Record<string, unknown>,
  routed: WireFormat | undefined,
  id: string,
  startedAt: number,
): Promise<CoreReply> {
  const client = routed ?? detectClientFormat(req.headers, body);
  ctx.inflight?.started();
  let result;
  try {
    result = await handleModelRequest(ctx, { client, body, headers: req.headers, signal: req.signal, startedAt, ...(raw ? { raw } : {}) });
  } catch (err) {
    ctx.inflight?.finished();
    throw err;
  }
  const { trace } = result;
  return {
    status: result.status,
    headers: result.headers,
    body: result.body,
    done(aborted) {
      ctx.inflight?.finished();
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
          status: result.status,
          aborted,
          durationMs,
          trace,
          config: ctx.getConfig(),
        }),
      );
    },
  };
}

export async function serveCountTokens(ctx: GatewayContext, req: CoreRequest, body: Record<string, unknown>): Promise<CoreReply> {
  const result = await handleCountTokens(ctx, body, req.headers, req.signal);
  return { status: result.status, headers: result.headers, body: result.body };
}

export function renderedError(client: WireFormat, error: Parameters<typeof renderError>[1], headers: Record<string, string> = {}): CoreReply {
  const { status, body } = renderError(client, error);
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}
