/**
 * Live probes of a running gateway, in parallel, each with a timeout: liveness, both model
 * lists, one tiny request per API a coding tool speaks, and whether auth is enforced.
 * Every request sends the token both as a Bearer token and as x-api-key (clients differ).
 */
export type ProbeId = 'health' | 'openai-models' | 'anthropic-models' | 'responses' | 'messages' | 'count-tokens' | 'chat' | 'auth-required';

export interface ProbeSpec {
  id: ProbeId;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Sent without the token (to learn whether the gateway requires one). */
  anonymous?: boolean;
}

export interface ProbeResult {
  id: ProbeId;
  method: 'GET' | 'POST';
  path: string;
  ok: boolean;
  status?: number;
  ms: number;
  /** Why it failed: the gateway's error message, a timeout, or a network error. */
  error?: string;
  /** For model lists: the ids served. */
  models?: string[];
}

export function probeSpecs(model: string | undefined): ProbeSpec[] {
  const specs: ProbeSpec[] = [
    { id: 'health', method: 'GET', path: '/health' },
    { id: 'openai-models', method: 'GET', path: '/openai/v1/models' },
    { id: 'anthropic-models', method: 'GET', path: '/anthropic/v1/models' },
    { id: 'auth-required', method: 'GET', path: '/openai/v1/models', anonymous: true },
  ];
  if (model === undefined) return specs;
  const messages = [{ role: 'user', content: 'ping' }];
  return [
    ...specs,
    { id: 'responses', method: 'POST', path: '/openai/v1/responses', body: { model, input: 'ping', max_output_tokens: 16, stream: false } },
    { id: 'messages', method: 'POST', path: '/anthropic/v1/messages', body: { model, max_tokens: 16, messages } },
    { id: 'count-tokens', method: 'POST', path: '/anthropic/v1/messages/count_tokens', body: { model, messages } },
    { id: 'chat', method: 'POST', path: '/openai/v1/chat/completions', body: { model, max_tokens: 16, messages } },
  ];
}

function errorText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string')
    return (error as { message: string }).message;
  return undefined;
}

async function runProbe(baseUrl: string, spec: ProbeSpec, token: string | undefined, timeoutMs: number): Promise<ProbeResult> {
  const started = Date.now();
  const base = { id: spec.id, method: spec.method, path: spec.path };
  const headers: Record<string, string> = { accept: 'application/json', 'anthropic-version': '2023-06-01' };
  if (token && !spec.anonymous) {
    headers.authorization = `Bearer ${token}`;
    headers['x-api-key'] = token;
  }
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${baseUrl}${spec.path}`, {
      method: spec.method,
      headers,
      ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = undefined;
    }
    const result: ProbeResult = { ...base, ok: res.ok, status: res.status, ms: Date.now() - started };
    if (!res.ok) result.error = errorText(body) ?? `HTTP ${res.status}`;
    const data = (body as { data?: unknown } | undefined)?.data;
    if (res.ok && Array.isArray(data)) result.models = data.map((m) => String((m as { id?: unknown }).id ?? ''));
    return result;
  } catch (err) {
    const e = err as Error;
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
    const cause = (e.cause as Error | undefined)?.message;
    return { ...base, ok: false, ms: Date.now() - started, error: timedOut ? `no answer within ${timeoutMs} ms` : (cause ?? e.message) };
  }
}

export async function runProbes(baseUrl: string, model: string | undefined, token: string | undefined, timeoutMs: number): Promise<ProbeResult[]> {
  return Promise.all(probeSpecs(model).map((spec) => runProbe(baseUrl, spec, token, timeoutMs)));
}
