/**
 * The codec registry: every client format (OpenAI Chat, Anthropic Messages, OpenAI
 * Responses) in and out, every upstream format (OpenAI Chat, Anthropic Messages, OpenAI Responses), and the
 * stream translator chain bytes -> SSE -> canonical parts -> client SSE.
 */
import type { CanonicalRequest, CanonicalResponse, StreamPart, WireFormat } from './canonical/types.js';
import type { Converted } from './canonical/warnings.js';
import { buildAnthropicRequest } from './anthropic-messages/build-request.js';
import { buildAnthropicResponse } from './anthropic-messages/build-response.js';
import { createAnthropicDecoder } from './anthropic-messages/decode-stream.js';
import { createAnthropicEncoder } from './anthropic-messages/encode-stream.js';
import { parseAnthropicRequest } from './anthropic-messages/parse-request.js';
import { parseAnthropicResponse } from './anthropic-messages/parse-response.js';
import { buildOpenAIChatRequest } from './openai-chat/build-request.js';
import { buildOpenAIChatResponse } from './openai-chat/build-response.js';
import { createOpenAIChatDecoder } from './openai-chat/decode-stream.js';
import { createOpenAIChatEncoder } from './openai-chat/encode-stream.js';
import { parseOpenAIChatRequest } from './openai-chat/parse-request.js';
import { parseOpenAIChatResponse } from './openai-chat/parse-response.js';
import { buildResponsesRequest } from './openai-responses/build-request.js';
import { buildResponsesResponse } from './openai-responses/build-response.js';
import { createResponsesDecoder } from './openai-responses/decode-stream.js';
import { parseResponsesResponse } from './openai-responses/parse-response.js';
import { createResponsesEncoder } from './openai-responses/encode-stream.js';
import { parseResponsesRequest } from './openai-responses/parse-request.js';
import { createSseParser, type SseEvent } from './sse/sse.js';
import { chain, type Stage } from './stream/stage.js';
import type { Json } from './shared/values.js';

export type UpstreamFormat = 'openai-chat' | 'anthropic-messages' | 'openai-responses';
export type Clock = () => number;

export function parseRequest(format: WireFormat, body: unknown): Converted<CanonicalRequest> {
  if (format === 'anthropic-messages') return parseAnthropicRequest(body);
  if (format === 'openai-responses') return parseResponsesRequest(body);
  return parseOpenAIChatRequest(body);
}

export function buildRequest(format: UpstreamFormat, request: CanonicalRequest, model: string): Converted<Json> {
  if (format === 'anthropic-messages') return buildAnthropicRequest(request, { model });
  if (format === 'openai-responses') return buildResponsesRequest(request, { model });
  return buildOpenAIChatRequest(request, { model });
}

export function parseResponse(format: UpstreamFormat, body: unknown, now: Clock): CanonicalResponse {
  if (format === 'anthropic-messages') return parseAnthropicResponse(body, now);
  if (format === 'openai-responses') return parseResponsesResponse(body, now);
  return parseOpenAIChatResponse(body, now);
}

export function buildResponse(format: WireFormat, response: CanonicalResponse, model?: string, options: { customTools?: ReadonlySet<string> } = {}): Json {
  if (format === 'anthropic-messages') return buildAnthropicResponse(response, model);
  if (format === 'openai-responses') return buildResponsesResponse(response, model, options);
  return buildOpenAIChatResponse(response, model);
}

export function createStreamDecoder(format: UpstreamFormat, now: Clock): Stage<SseEvent, StreamPart> {
  if (format === 'anthropic-messages') return createAnthropicDecoder({ now });
  if (format === 'openai-responses') return createResponsesDecoder({ now });
  return createOpenAIChatDecoder({ now });
}

export interface EncodeOptions {
  now: Clock;
  /** Model name the client sees (default: what the upstream reports). */
  model?: string;
  /** OpenAI Chat clients: send the usage chunk (`stream_options.include_usage`). */
  includeUsage?: boolean;
  /** Responses clients: the request's free-form tools (their calls are custom_tool_call items). */
  customTools?: ReadonlySet<string>;
}

/** Names of the request's free-form (Responses `custom`) tools. */
export function customToolNames(request: CanonicalRequest): ReadonlySet<string> {
  return new Set(request.tools.filter((t) => t.custom).map((t) => t.name));
}

export function createStreamEncoder(format: WireFormat, options: EncodeOptions): Stage<StreamPart, string> {
  const model = options.model === undefined ? {} : { model: options.model };
  if (format === 'anthropic-messages') return createAnthropicEncoder(model);
  if (format === 'openai-responses')
    return createResponsesEncoder({ ...model, now: options.now, ...(options.customTools ? { customTools: options.customTools } : {}) });
  return createOpenAIChatEncoder({ ...model, includeUsage: options.includeUsage ?? false, now: options.now });
}

/** Upstream bytes -> canonical parts. */
export function createUpstreamDecoder(format: UpstreamFormat, now: Clock): Stage<Uint8Array | string, StreamPart> {
  return chain(createSseParser(), createStreamDecoder(format, now));
}

/** Upstream bytes -> client SSE text, for a translated stream. */
export function createStreamTranslator(upstream: UpstreamFormat, client: WireFormat, options: EncodeOptions): Stage<Uint8Array | string, string> {
  return chain(createUpstreamDecoder(upstream, options.now), createStreamEncoder(client, options));
}

export { parseUpstreamError, renderError, statusForKind } from './errors.js';
export { CodecError, UnsupportedContentError } from './codec-error.js';
export { judgeParts, peekUntilOutput } from './stream/peek.js';
export type * from './canonical/types.js';
export type { ConversionWarning, Converted } from './canonical/warnings.js';
