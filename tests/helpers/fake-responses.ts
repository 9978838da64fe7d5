/** The fake provider's OpenAI Responses API (/v1/responses): ok, tools, stream-error-first, slow-stream, hang-stream. */
import type { ServerResponse } from 'node:http';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function responsesApi(res: ServerResponse, body: any, rec: { aborted: boolean }): Promise<void> {
  const model: string = body.model;
  const tools = model.includes('tools');
  const usage = model.includes('cached')
    ? {
        input_tokens: 1500,
        input_tokens_details: { cached_tokens: 1200 },
        output_tokens: 60,
        output_tokens_details: { reasoning_tokens: 20 },
        total_tokens: 1560,
      }
    : { input_tokens: 17, input_tokens_details: { cached_tokens: 5 }, output_tokens: 8, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 25 };
  const text = `Hello from responses:${model}`;
  const item = tools
    ? { id: 'fc_fake1', type: 'function_call', status: 'completed', call_id: 'call_fake1', name: 'get_weather', arguments: '{"city":"Paris"}' }
    : { id: 'msg_fake1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
  const response = (status: string, output: object[]) => ({
    id: 'resp_fake1',
    object: 'response',
    created_at: 1763900000,
    status,
    model,
    output,
    usage: status === 'completed' ? usage : null,
    error: null,
  });
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response('completed', [item])));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let seq = 0;
  const ev = (type: string, rest: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...rest })}\n\n`);
  ev('response.created', { response: response('in_progress', []) });
  if (model.includes('stream-error-first')) {
    ev('response.failed', { response: { ...response('failed', []), error: { code: 'server_error', message: 'fake overload before output' } } });
    res.end();
    return;
  }
  if (tools) {
    ev('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } });
    for (const piece of ['{"ci', 'ty":"Pa', 'ris"}']) ev('response.function_call_arguments.delta', { item_id: 'fc_fake1', output_index: 0, delta: piece });
    ev('response.function_call_arguments.done', { item_id: 'fc_fake1', output_index: 0, arguments: '{"city":"Paris"}' });
  } else {
    ev('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } });
    const pieces =
      model.includes('slow-stream') || model.includes('hang-stream') ? ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] : ['Hello', ' from', ` responses:${model}`];
    for (const piece of pieces) {
      if (rec.aborted) return;
      ev('response.output_text.delta', { item_id: 'msg_fake1', output_index: 0, content_index: 0, delta: piece });
      if (model.includes('hang-stream')) return;
      if (model.includes('slow-stream')) await sleep(250);
    }
  }
  ev('response.output_item.done', { output_index: 0, item });
  ev('response.completed', { response: response('completed', [item]) });
  res.end();
}
