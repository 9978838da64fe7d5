/** The upstream HTTP call as the gateway pipeline sees it: no HTTP library in these types. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array> & { destroy(err?: Error): void };
  text(): Promise<string>;
}

export interface UpstreamRequest {
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
  signal: AbortSignal;
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
