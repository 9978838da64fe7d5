/**
 * The hub: one canonical form every wire format converts to and from (2N small
 * converters instead of N^2). Pure data; no I/O.
 */
export type WireFormat = 'openai-chat' | 'anthropic-messages' | 'openai-responses';

export interface CacheControl {
  type: 'ephemeral';
  ttl?: string;
}

/** A source the text cites (Anthropic web-search citations, OpenAI url_citation annotations). */
export interface Citation {
  url: string;
  title?: string;
  citedText?: string;
  /** The cited span in the response's whole text (UTF-16 offsets), when known. */
  startIndex?: number;
  endIndex?: number;
}

export interface TextPart {
  type: 'text';
  text: string;
  cacheControl?: CacheControl;
  /** Sources of this text (responses only). */
  citations?: Citation[];
}

export type ImageSource = { kind: 'base64'; mediaType: string; data: string } | { kind: 'url'; url: string };

export interface ImagePart {
  type: 'image';
  source: ImageSource;
  detail?: string;
  cacheControl?: CacheControl;
}

/**
 * A document: a PDF (or other file) as base64 or by URL, plain text, or a provider file id
 * (only meaningful to the provider that issued it: `fileOwner`).
 */
export type DocumentSource =
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'url'; url: string }
  | { kind: 'text'; text: string; mediaType?: string }
  | { kind: 'file'; fileId: string; fileOwner: 'anthropic' | 'openai' };

export interface DocumentPart {
  type: 'document';
  source: DocumentSource;
  title?: string;
  filename?: string;
  context?: string;
  /** Anthropic `citations: {enabled}`. */
  citations?: boolean;
  cacheControl?: CacheControl;
  /** Where it was in the client request, e.g. `messages[2].content[1]` (named in errors). */
  origin?: string;
}

/**
 * A block the hub has no type for (future block types, audio, another format's server-tool
 * history). Builders degrade it to `text` when it has some, else drop it with a warning, and
 * refuse the request when it was the only content of its turn and `binary` (see ADR 0009).
 */
export interface OpaquePart {
  type: 'opaque';
  /** The block's own type name, e.g. `input_audio`, `search_result`, `server_tool_use`. */
  kind: string;
  text?: string;
  binary: boolean;
  origin: string;
}

export interface ToolCallPart {
  type: 'tool_call';
  id: string;
  name: string;
  /** The arguments as JSON text, exactly as produced (never re-serialised). */
  arguments: string;
  cacheControl?: CacheControl;
  /** A call of a free-form (Responses `custom`) tool: `arguments` is `{"input": "<text>"}`. */
  custom?: boolean;
}

export type ToolResultContent = TextPart | ImagePart | DocumentPart | OpaquePart;

export interface ToolResultPart {
  type: 'tool_result';
  toolCallId: string;
  content: ToolResultContent[];
  isError?: boolean;
  cacheControl?: CacheControl;
}

export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** Anthropic thinking signature; required to send thinking back to Anthropic. */
  signature?: string;
  /** Anthropic redacted_thinking payload (opaque). */
  redactedData?: string;
  /** OpenAI Responses reasoning `encrypted_content` (opaque; only OpenAI can read it). */
  encryptedContent?: string;
}

export type UserPart = TextPart | ImagePart | DocumentPart | ToolResultPart | OpaquePart;
export type AssistantPart = TextPart | ToolCallPart | ReasoningPart | OpaquePart;

/**
 * A `system` message inside the conversation (Claude Code sends them after the first user
 * turn; OpenAI Chat and Responses allow system/developer messages anywhere). Leading system
 * text is `CanonicalRequest.system`; these keep their position.
 */
export type CanonicalMessage =
  { role: 'user'; content: UserPart[] } | { role: 'assistant'; content: AssistantPart[] } | { role: 'system'; content: TextPart[] };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  inputSchema: Record<string, unknown>;
  strict?: boolean;
  cacheControl?: CacheControl;
  /**
   * A free-form tool (Responses `custom`, e.g. Codex's apply_patch): its input is text, not
   * JSON. Other formats get a function tool with one string argument `input` (ADR 0009).
   */
  custom?: { format?: Record<string, unknown> };
}

export type ToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; name: string };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

export interface ReasoningConfig {
  /** Explicitly off (Anthropic `thinking:{type:"disabled"}`, effort "none"). */
  enabled: boolean;
  effort?: ReasoningEffort;
  budgetTokens?: number;
  summary?: string;
}

export type ResponseFormat =
  { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean; description?: string };

export interface CanonicalRequest {
  model: string;
  system: TextPart[];
  messages: CanonicalMessage[];
  tools: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  stream: boolean;
  /** Client asked for usage in the stream (OpenAI `stream_options.include_usage`). */
  streamUsage?: boolean;
  reasoning?: ReasoningConfig;
  responseFormat?: ResponseFormat;
  user?: string;
  metadata?: Record<string, string>;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  /** OpenAI-family fields with the same meaning in Chat and Responses (prompt_cache_key, service_tier, verbosity, ...). */
  openai?: OpenAIExtras;
}

export interface OpenAIExtras {
  promptCacheKey?: string;
  promptCacheRetention?: string;
  serviceTier?: string;
  safetyIdentifier?: string;
  verbosity?: string;
  store?: boolean;
}

/** Token usage with OpenAI semantics: `inputTokens` includes cached and cache-written tokens. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'stop_sequence' | 'pause' | 'refusal' | 'context_window' | 'error';

export interface CanonicalResponse {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
  content: AssistantPart[];
  finishReason: FinishReason;
  stopSequence?: string;
  usage: Usage;
}

export type ErrorKind =
  'invalid_request' | 'authentication' | 'permission' | 'not_found' | 'request_too_large' | 'rate_limit' | 'overloaded' | 'timeout' | 'api_error';

export interface CanonicalError {
  status: number;
  kind: ErrorKind;
  message: string;
  code?: string;
  param?: string;
}

/** One step of a streamed response, independent of any wire format. */
export type StreamPart =
  | { type: 'start'; id: string; model: string; created: number; usage?: Partial<Usage> }
  | { type: 'text-delta'; text: string }
  /** A source for a span of the text already streamed (`startIndex`/`endIndex` over all text deltas). */
  | { type: 'citation'; citation: Citation }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'reasoning-signature'; signature: string }
  | { type: 'reasoning-redacted'; data: string }
  | { type: 'reasoning-encrypted'; data: string }
  /** `custom`: a free-form tool call; its deltas are the raw text input, not JSON (see ToolCallPart.custom). */
  | { type: 'tool-call-start'; index: number; id: string; name: string; custom?: boolean }
  | { type: 'tool-call-delta'; index: number; argumentsDelta: string }
  | { type: 'usage'; usage: Partial<Usage> }
  | { type: 'finish'; finishReason: FinishReason; stopSequence?: string }
  | { type: 'error'; error: CanonicalError };

/** Parts that mean the model has produced output (no fallback after one is sent). */
export function isOutputPart(part: StreamPart): boolean {
  return part.type === 'text-delta' || part.type === 'reasoning-delta' || part.type === 'tool-call-start' || part.type === 'reasoning-redacted';
}
