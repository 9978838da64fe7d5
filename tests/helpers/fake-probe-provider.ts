/**
 * A configurable fake provider for probe tests, on loopback: which formats it serves and
 * under which path prefix, which auth style it accepts, its model list (OpenAI shape, or
 * Anthropic shape with pagination), models it lists but refuses, a 429 with Retry-After
 * mid-probe, slow answers, or HTML for everything. Every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './listen.js';

type Format = 'openai' | 'claude' | 'responses';

export interface ProbeFakeOptions {
  /** Path prefix per served format, e.g. { openai: '/v1' } or { openai: '/openai/v1', claude: '/anthropic/v1' }. */
  formats: Partial<Record<Format, string>>;
  auth?: 'bearer' | 'x-api-key' | 'any' | 'none';
  key?: string;
  /** Model ids, or a count (m-001, m-002, ...). */
  models: string[] | number;
  /** Page size of the Anthropic-shaped list (has_more/last_id); default: everything at once. */
  pageSize?: number;
  /** Listed but answering "model not found". */
  refused?: string[];
  /** The POST with this 1-based number answers 429 with `retryAfter` (seconds), once per listed number. */
  rateLimitAt?: number[];
  retryAfter?: string;
  /** Delay before every answer. */
  slowMs?: number;
  /** Answer every request with an HTML page (status 200). */
  html?: boolean;
}

export interface ProbeRecord {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  at: number;
}

export interface ProbeFake {
  url: string;
  requests: ProbeRecord[];
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

function errorBody(format: Format, type: string, message: string, code?: string) {
  return format === 'claude' ? { type: 'error', error: { type, message } } : { error: { message, type, code: code ?? null } };
}

function authorized(format: Format, req: IncomingMessage, o: ProbeFakeOptions): boolean {
  const auth = o.auth ?? 'bearer';
  if (auth === 'none') return true;
  const bearer = req.headers.authorization === `Bearer ${o.key}`;
  const xkey = req.headers['x-api-key'] === o.key;
  if (auth === 'any') return bearer || xkey;
  return auth === 'bearer' ? bearer : xkey;
}

function reply(format: Format, model: string) {
  if (format === 'claude')
    return {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: 'p' }],
      stop_reason: 'max_tokens',
      usage: { input_tokens: 1, output_tokens: 1 },
    };
  if (format === 'responses') return { id: 'resp_1', object: 'response', status: 'incomplete', model, output: [] };
  return { id: 'c1', object: 'chat.completion', model, choices: [{ index: 0, message: { role: 'assistant', content: 'p' }, finish_reason: 'length' }] };
}

export async function startProbeFake(o: ProbeFakeOptions): Promise<ProbeFake> {
  const ids = typeof o.models === 'number' ? Array.from({ length: o.models }, (_, i) => `m-${String(i + 1).padStart(3, '0')}`) : o.models;
  const requests: ProbeRecord[] = [];
  let posts = 0;
  const limited = new Set(o.rateLimitAt ?? []);
  const handle = (req: IncomingMessage, res: ServerResponse, rec: ProbeRecord) => {
    if (o.html) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Sign in to continue</body></html>');
    const url = new URL(rec.path, 'http://x');
    const served = (Object.entries(o.formats) as [Format, string][]).find(([f, prefix]) =>
      [`${prefix}/models`, `${prefix}/${f === 'openai' ? 'chat/completions' : f === 'claude' ? 'messages' : 'responses'}`].includes(url.pathname),
    );
    if (!served) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
    const [format] = served;
    if (!authorized(format, req, o))
      return json(res, 401, errorBody(format, format === 'claude' ? 'authentication_error' : 'invalid_request_error', 'invalid api key'));
    if (format === 'claude' && !req.headers['anthropic-version'])
      return json(res, 400, errorBody(format, 'invalid_request_error', 'anthropic-version header is required'));
    if (req.method === 'GET') {
      if (format !== 'claude' || !o.pageSize) return json(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', owned_by: 'fake' })) });
      const after = url.searchParams.get('after_id');
      const start = after ? ids.indexOf(after) + 1 : 0;
      const page = ids.slice(start, start + o.pageSize);
      return json(res, 200, {
        data: page.map((id) => ({ type: 'model', id, display_name: id.toUpperCase(), created_at: '2026-01-01T00:00:00Z' })),
        has_more: start + page.length < ids.length,
        first_id: page[0] ?? null,
        last_id: page.at(-1) ?? null,
      });
    }
    posts += 1;
    if (limited.has(posts)) return json(res, 429, errorBody(format, 'rate_limit_error', 'slow down'), { 'retry-after': o.retryAfter ?? '1' });
    const model = String(rec.body?.model ?? '');
    if (!ids.includes(model) || o.refused?.includes(model)) {
      return format === 'claude'
        ? json(res, 404, errorBody(format, 'not_found_error', `model: ${model}`))
        : json(
            res,
            404,
            errorBody(format, 'invalid_request_error', `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found'),
          );
    }
    return json(res, 200, reply(format, model));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        body = undefined;
      }
      const rec: ProbeRecord = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: Date.now() };
      requests.push(rec);
      if (o.slowMs) setTimeout(() => handle(req, res, rec), o.slowMs);
      else handle(req, res, rec);
    });
  });
  const listening = await listenOnLoopback(server);
  return {
    requests,
    ...listening,
  };
}
