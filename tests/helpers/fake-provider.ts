/**
 * A fake upstream provider on loopback speaking OpenAI Chat (/v1/chat/completions),
 * Anthropic Messages (/v1/messages) and OpenAI Responses (/v1/responses, fake-responses.ts). Behaviour is chosen by the model name:
 *   ok, tools              normal answers (streamed when asked)
 *   fail-<status>          that HTTP status with an error body in the format
 *   stream-error-first     HTTP 200 stream whose first event is an error
 *   slow-headers           answers after 3 s
 *   slow-stream            streams 8 text chunks 250 ms apart (2 s in all)
 *   slow-first-token       headers at once, the first token 400 ms later
 *   flaky                  500 on odd-numbered calls, a normal answer on even ones
 *   ...policy              with fail-403: a content-policy message
 *   error-after-output     (Anthropic) one text delta, then an overloaded error event
 *   hang-stream            sends one chunk, then nothing (for abort and idle tests)
 *   big-stream             (OpenAI) 4096 deltas of 16,000 characters as fast as the socket
 *                          takes them, waiting on 'drain' (counts what it wrote: backpressure)
 *   fail-twice             500 on the first two of every three calls, then a normal answer
 *   truncated-json         HTTP 200 whose body stops before its content-length
 *   invalid-json           HTTP 200 with an HTML body
 *   ...cached              usage with cache reads (and writes, Anthropic) and reasoning tokens
 * POST /v1/messages/count_tokens answers {input_tokens: 4242} (exact, for forwarding tests).
 * Every request is recorded: path, headers, body, and whether the client went away.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { responsesApi } from './fake-responses.js';
import { listenOnLoopback } from './listen.js';

export interface Recorded {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  /** The body exactly as it arrived (UTF-8 text, a BOM kept). */
  raw: string;
  aborted: boolean;
  finished: boolean;
  /** big-stream: how many deltas the socket has taken so far. */
  written?: number;
}

export interface FakeProvider {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sse = (data: unknown, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

function openaiChunk(model: string, delta: object, finish: string | null = null, usage: object | null = null, choices = true) {
  return sse({
    id: 'chatcmpl-fake1',
    object: 'chat.completion.chunk',
    created: 1763900000,
    model,
    choices: choices ? [{ index: 0, delta, logprobs: null, finish_reason: finish }] : [],
    usage,
  });
}

function anthropicEvent(type: string, body: object) {
  return sse({ type, ...body }, type);
}

async function openai(res: ServerResponse, body: any, rec: Recorded) {
  const model: string = body.model;
  const usage = model.includes('cached')
    ? {
        prompt_tokens: 1200,
        completion_tokens: 40,
        total_tokens: 1240,
        prompt_tokens_details: { cached_tokens: 1000 },
        completion_tokens_details: { reasoning_tokens: 12 },
      }
    : { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18, prompt_tokens_details: { cached_tokens: 0 } };
  const tools = model.includes('tools');
  if (!body.stream) {
    const message = tools
      ? {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_fake1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        }
      : { role: 'assistant', content: `Hello from openai:${model}` };
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: 'chatcmpl-fake1',
        object: 'chat.completion',
        created: 1763900000,
        model,
        choices: [{ index: 0, message, finish_reason: tools ? 'tool_calls' : 'stop' }],
        usage,
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  if (model.includes('stream-error-first')) {
    res.end(sse({ error: { message: 'fake overload before output', type: 'server_error', code: 'overloaded' } }));
    return;
  }
  res.write(openaiChunk(model, { role: 'assistant', content: '' }));
  if (model.includes('slow-first-token')) await sleep(400);
  if (tools) {
    res.write(openaiChunk(model, { tool_calls: [{ index: 0, id: 'call_fake1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }));
    for (const piece of ['{"ci', 'ty":"Pa', 'ris"}']) res.write(openaiChunk(model, { tool_calls: [{ index: 0, function: { arguments: piece } }] }));
    res.write(openaiChunk(model, {}, 'tool_calls'));
  } else if (model.includes('big-stream')) {
    const piece = 'x'.repeat(16_000);
    rec.written = 0;
    for (let i = 0; i < 4096; i += 1) {
      if (rec.aborted) return;
      const more = res.write(openaiChunk(model, { content: piece }));
      rec.written += 1;
      if (!more) await new Promise((resolve) => (res.once('drain', resolve), res.once('close', resolve)));
    }
    res.write(openaiChunk(model, {}, 'stop'));
  } else {
    const pieces =
      model.includes('slow-stream') || model.includes('hang-stream') ? ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] : ['Hello', ' from', ` openai:${model}`];
    for (const piece of pieces) {
      if (rec.aborted) return;
      res.write(openaiChunk(model, { content: piece }));
      if (model.includes('hang-stream')) return; // never finishes
      if (model.includes('slow-stream')) await sleep(250);
    }
    res.write(openaiChunk(model, {}, 'stop'));
  }
  if (body.stream_options?.include_usage) res.write(openaiChunk(model, {}, null, usage, false));
  res.end(sse('[DONE]'));
}

async function anthropic(res: ServerResponse, body: any, rec: Recorded) {
  const model: string = body.model;
  const tools = model.includes('tools');
  const usage = model.includes('cached')
    ? { input_tokens: 200, output_tokens: 40, cache_read_input_tokens: 900, cache_creation_input_tokens: 100 }
    : { input_tokens: 13, output_tokens: 9, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
  if (!body.stream) {
    const content = tools
      ? [{ type: 'tool_use', id: 'toolu_fake1', name: 'get_weather', input: { city: 'Paris' } }]
      : [{ type: 'text', text: `Hello from claude:${model}` }];
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: 'msg_fake1',
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: tools ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage,
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(
    anthropicEvent('message_start', {
      message: {
        id: 'msg_fake1',
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    }),
  );
  if (model.includes('stream-error-first')) {
    res.end(sse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'error'));
    return;
  }
  if (model.includes('error-after-output')) {
    res.write(anthropicEvent('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
    res.write(anthropicEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hello' } }));
    res.end(sse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'error'));
    return;
  }
  if (tools) {
    res.write(anthropicEvent('content_block_start', { index: 0, content_block: { type: 'tool_use', id: 'toolu_fake1', name: 'get_weather', input: {} } }));
    for (const piece of ['{"ci', 'ty": "Pa', 'ris"}'])
      res.write(anthropicEvent('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: piece } }));
  } else {
    res.write(anthropicEvent('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
    const pieces =
      model.includes('slow-stream') || model.includes('hang-stream') ? ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] : ['Hello', ' from', ` claude:${model}`];
    for (const piece of pieces) {
      if (rec.aborted) return;
      res.write(anthropicEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } }));
      if (model.includes('hang-stream')) return;
      if (model.includes('slow-stream')) await sleep(250);
    }
  }
  res.write(anthropicEvent('content_block_stop', { index: 0 }));
  res.write(
    anthropicEvent('message_delta', {
      delta: { stop_reason: tools ? 'tool_use' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    }),
  );
  res.end(anthropicEvent('message_stop', {}));
}

export async function startFakeProvider(): Promise<FakeProvider> {
  const requests: Recorded[] = [];
  const calls = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(chunks));
      const rec: Recorded = { path: req.url ?? '', headers: req.headers, body: undefined, raw, aborted: false, finished: false };
      requests.push(rec);
      res.on('close', () => {
        if (!res.writableFinished) rec.aborted = true;
      });
      res.on('finish', () => {
        rec.finished = true;
      });
      try {
        rec.body = JSON.parse(raw);
      } catch {
        res.writeHead(400).end('{"error":{"message":"fake provider got invalid JSON"}}');
        return;
      }
      const model: string = rec.body.model ?? '';
      if (req.url === '/v1/messages/count_tokens') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ input_tokens: 4242 }));
        return;
      }
      const isAnthropic = req.url === '/v1/messages';
      const count = (calls.get(model) ?? 0) + 1;
      calls.set(model, count);
      if (model.includes('truncated-json') && !rec.body.stream) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
        res.write('{"id":"chatcmpl-cut","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis');
        setTimeout(() => res.destroy(), 20);
        return;
      }
      if (model.includes('invalid-json') && !rec.body.stream) {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
        return;
      }
      const flaky = (model.includes('flaky') && count % 2 === 1) || (model.includes('fail-twice') && count % 3 !== 0);
      const failure = flaky ? ['fail-500', '500'] : /fail-(\d{3})/.exec(model);
      if (failure) {
        const status = Number(failure[1]);
        const message = model.includes('policy') ? 'request flagged by content policy' : `fake ${status}`;
        const body = isAnthropic
          ? { type: 'error', error: { type: status === 429 ? 'rate_limit_error' : status === 400 ? 'invalid_request_error' : 'api_error', message } }
          : { error: { message, type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', code: null } };
        res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '1' } : {}) }).end(JSON.stringify(body));
        return;
      }
      const go = () =>
        void (isAnthropic ? anthropic(res, rec.body, rec) : req.url === '/v1/responses' ? responsesApi(res, rec.body, rec) : openai(res, rec.body, rec));
      if (model.includes('slow-headers')) setTimeout(go, 3000);
      else go();
    });
  });
  const listening = await listenOnLoopback(server);
  return {
    requests,
    ...listening,
  };
}
