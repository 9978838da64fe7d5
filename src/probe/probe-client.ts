/**
 * The probe's HTTP client: global fetch with a timeout on every call, paced by a token
 * bucket, retrying a 429 after its Retry-After within a bounded budget. It never logs
 * and never puts request headers (the key) into anything it returns.
 */
import { Pacer, realClock, retryAfterMs, type Clock } from './pacer.js';
import type { FailureKind, ProbeListener } from './types.js';

export interface ProbeRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export type ProbeAnswer =
  | { reached: true; status: number; headers: Headers; text: string; json: unknown; isJson: boolean }
  | { reached: false; status: 0; kind: Extract<FailureKind, 'network' | 'timeout'>; detail: string };

export interface ProbeClientOptions {
  rpm: number;
  timeoutMs: number;
  /** Most retries of one request after a 429 (default 3). */
  maxRetries?: number;
  /** Most time spent waiting for one request's 429s, in ms (default 60 s). */
  retryBudgetMs?: number;
  clock?: Clock;
  onEvent?: ProbeListener;
}

export interface ProbeClient {
  send(request: ProbeRequest): Promise<ProbeAnswer>;
  /** Requests sent so far (retries included). */
  readonly sent: number;
}

function parse(text: string): { json: unknown; isJson: boolean } {
  try {
    return { json: JSON.parse(text) as unknown, isJson: true };
  } catch {
    return { json: undefined, isJson: false };
  }
}

function describeNetworkError(err: unknown, timeoutMs: number): { kind: 'network' | 'timeout'; detail: string } {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { kind: 'timeout', detail: `no answer within ${timeoutMs} ms` };
  const cause = e.cause?.code ?? e.cause?.message;
  return { kind: 'network', detail: `cannot reach the endpoint${cause ? ` (${cause})` : ''}` };
}

/** The path of a URL, for events: enough to say where, never a query string. */
export function shortUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

export function createProbeClient(options: ProbeClientOptions): ProbeClient {
  const clock = options.clock ?? realClock;
  const pacer = new Pacer(options.rpm, clock);
  const maxRetries = options.maxRetries ?? 3;
  const budget = options.retryBudgetMs ?? 60_000;
  let sent = 0;

  async function once(request: ProbeRequest): Promise<ProbeAnswer> {
    await pacer.take();
    sent += 1;
    try {
      const res = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        // A redirect could carry the key to another host; it is reported, not followed.
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await res.text();
      return { reached: true, status: res.status, headers: res.headers, text, ...parse(text) };
    } catch (err) {
      return { reached: false, status: 0, ...describeNetworkError(err, options.timeoutMs) };
    }
  }

  return {
    get sent() {
      return sent;
    },
    async send(request) {
      let waited = 0;
      for (let attempt = 0; ; attempt += 1) {
        const answer = await once(request);
        if (!answer.reached || answer.status !== 429 || attempt >= maxRetries) return answer;
        const hinted = retryAfterMs(answer.headers.get('retry-after'), clock.now());
        const wait = Math.max(250, hinted ?? 1000 * 2 ** attempt);
        if (waited + wait > budget) return answer;
        options.onEvent?.({ type: 'rate-limit-wait', url: shortUrl(request.url), waitMs: wait, attempt: attempt + 1 });
        pacer.drain();
        await clock.sleep(wait);
        waited += wait;
      }
    },
  };
}
