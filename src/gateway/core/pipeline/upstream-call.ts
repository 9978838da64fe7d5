/** One candidate's upstream request: untouched but for `model` when formats match, else translated. */
import type { CanonicalRequest, ConversionWarning, UpstreamFormat, WireFormat } from '../../../formats/index.js';
import { buildRequest, parseRequest } from '../../../formats/index.js';
import { upstreamHeaders, upstreamUrl } from '../../../upstream/endpoint.js';
import type { Format } from '../../../config/schema.js';
import { CONFIG_FORMAT_OF, type Candidate } from './candidates.js';
import type { RequestBody } from '../request-body.js';

export const WIRE_OF = { openai: 'openai-chat', claude: 'anthropic-messages', responses: 'openai-responses' } as const satisfies Record<Format, UpstreamFormat>;

export interface PreparedCall {
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
  upstream: UpstreamFormat;
  passthrough: boolean;
  /** OpenAI Chat passthrough stream whose client did not ask for usage: usage was asked for upstream, and its chunk is taken out. */
  stripUsage?: boolean;
  warnings: ConversionWarning[];
}

/** The OpenAI Chat request's `stream_options` ask for the usage chunk (`include_usage`). */
export function wantsStreamUsage(options: unknown): boolean {
  return typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true;
}

/** An OpenAI Chat stream request that does not ask for the usage chunk. */
const lacksStreamUsage = (client: WireFormat, body: RequestBody) => client === 'openai-chat' && body.stream === true && !wantsStreamUsage(body.streamOptions);

/** Parses the client request into the canonical form once, on first need. */
export class LazyCanonical {
  private value: CanonicalRequest | undefined;
  readonly warnings: ConversionWarning[] = [];
  constructor(
    private readonly client: WireFormat,
    private readonly body: RequestBody,
  ) {}
  get(): CanonicalRequest {
    if (!this.value) {
      const parsed = parseRequest(this.client, this.body.value);
      this.value = parsed.value;
      this.warnings.push(...parsed.warnings);
    }
    return this.value;
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function prepareCall(
  candidate: Candidate,
  client: WireFormat,
  body: RequestBody,
  canonical: LazyCanonical,
  clientHeaders: Record<string, string | string[] | undefined>,
  env: Record<string, string | undefined>,
  /** Someone records token usage (the request log): ask an OpenAI Chat stream for it even when the client did not. */
  recordsUsage = true,
): PreparedCall | undefined {
  const url = upstreamUrl(candidate.provider, candidate.format);
  if (!url) return undefined;
  const headers = upstreamHeaders(candidate.provider, candidate.format, env, {
    anthropicVersion: header(clientHeaders, 'anthropic-version'),
    anthropicBeta: header(clientHeaders, 'anthropic-beta'),
  });
  const upstream = WIRE_OF[candidate.format];
  if (CONFIG_FORMAT_OF[client] === candidate.format) {
    if (!recordsUsage || !lacksStreamUsage(client, body))
      return { url, headers, body: body.passthrough(candidate.model.id), upstream, passthrough: true, warnings: [] };
    // Ask for usage so the request log and cost see the tokens; the client still gets no usage chunk.
    return { url, headers, body: body.passthrough(candidate.model.id, true), upstream, passthrough: true, stripUsage: true, warnings: [] };
  }
  const built = buildRequest(upstream, canonical.get(), candidate.model.id);
  return { url, headers, body: JSON.stringify(built.value), upstream, passthrough: false, warnings: [...canonical.warnings, ...built.warnings] };
}
