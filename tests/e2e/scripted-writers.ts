/** The scripted model's answer written as each provider format would, streamed or not. */
import type { ServerResponse } from 'node:http';

export type Answer = { kind: 'text'; text: string } | { kind: 'tools'; calls: { id: string; name: string; args: Record<string, unknown> }[] };

/** Splits text into pieces of 1, 2, 3, 1, 2, 3... characters (how some providers stream arguments). */
export function pieces(text: string): string[] {
  const out: string[] = [];
  for (let at = 0, n = 0; at < text.length; n += 1) {
    const size = (n % 3) + 1;
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}

const usage = { input_tokens: 120, output_tokens: 30 };
const sse = (res: ServerResponse, data: unknown, event?: string) =>
  res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);

export function writeAnthropic(res: ServerResponse, body: any, answer: Answer): void {
  const stop = answer.kind === 'tools' ? 'tool_use' : 'end_turn';
  const content =
    answer.kind === 'text' ? [{ type: 'text', text: answer.text }] : answer.calls.map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: c.args }));
  const message = { id: `msg_scripted${Date.now()}`, type: 'message', role: 'assistant', model: body.model };
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...message, content, stop_reason: stop, stop_sequence: null, usage }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const ev = (type: string, rest: object) => sse(res, { type, ...rest }, type);
  ev('message_start', { message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } });
  if (answer.kind === 'text') {
    ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    for (const piece of pieces(answer.text)) ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });
    ev('content_block_stop', { index: 0 });
  } else {
    answer.calls.forEach((call, index) => {
      ev('content_block_start', { index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } });
      ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } });
      for (const piece of pieces(JSON.stringify(call.args))) ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
      ev('content_block_stop', { index });
    });
  }
  ev('message_delta', { delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
  ev('message_stop', {});
  res.end();
}

export function writeChat(res: ServerResponse, body: any, answer: Answer): void {
  const base = { id: `chatcmpl-scripted${Date.now()}`, created: Math.floor(Date.now() / 1000), model: body.model };
  const finish = answer.kind === 'tools' ? 'tool_calls' : 'stop';
  const u = { prompt_tokens: usage.input_tokens, completion_tokens: usage.output_tokens, total_tokens: usage.input_tokens + usage.output_tokens };
  if (!body.stream) {
    const message =
      answer.kind === 'text'
        ? { role: 'assistant', content: answer.text }
        : {
            role: 'assistant',
            content: null,
            tool_calls: answer.calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } })),
          };
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage: u }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const chunk = (delta: object, finishReason: string | null = null) =>
    sse(res, { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] });
  chunk({ role: 'assistant', content: '' });
  if (answer.kind === 'text') for (const piece of pieces(answer.text)) chunk({ content: piece });
  else {
    answer.calls.forEach((call, index) => chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    // Parallel calls interleaved, as several OpenAI-compatible servers send them.
    const split = answer.calls.map((c) => pieces(JSON.stringify(c.args)));
    for (let i = 0; split.some((s) => i < s.length); i += 1) {
      split.forEach((s, index) => {
        if (i < s.length) chunk({ tool_calls: [{ index, function: { arguments: s[i] } }] });
      });
    }
  }
  chunk({}, finish);
  if (body.stream_options?.include_usage) sse(res, { ...base, object: 'chat.completion.chunk', choices: [], usage: u });
  sse(res, '[DONE]');
  res.end();
}

export function writeResponses(res: ServerResponse, body: any, answer: Answer): void {
  const id = `resp_scripted${Date.now()}`;
  const items: any[] =
    answer.kind === 'text'
      ? [{ id: `msg_${id}`, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: answer.text, annotations: [] }] }]
      : answer.calls.map((c, i) => ({
          id: `fc_${id}_${i}`,
          type: 'function_call',
          status: 'completed',
          call_id: c.id,
          name: c.name,
          arguments: JSON.stringify(c.args),
        }));
  const u = {
    input_tokens: usage.input_tokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.output_tokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 150,
  };
  const response = (status: string, output: any[]) => ({
    id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    model: body.model,
    output,
    usage: status === 'completed' ? u : null,
  });
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response('completed', items)));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let seq = 0;
  const ev = (type: string, rest: object) => sse(res, { type, sequence_number: seq++, ...rest }, type);
  ev('response.created', { response: response('in_progress', []) });
  ev('response.in_progress', { response: response('in_progress', []) });
  items.forEach((item, index) => {
    if (item.type === 'message') {
      ev('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', content: [] } });
      ev('response.content_part.added', { item_id: item.id, output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
      for (const piece of pieces(item.content[0].text))
        ev('response.output_text.delta', { item_id: item.id, output_index: index, content_index: 0, delta: piece });
      ev('response.output_text.done', { item_id: item.id, output_index: index, content_index: 0, text: item.content[0].text });
      ev('response.content_part.done', { item_id: item.id, output_index: index, content_index: 0, part: item.content[0] });
    } else {
      ev('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', arguments: '' } });
      for (const piece of pieces(item.arguments)) ev('response.function_call_arguments.delta', { item_id: item.id, output_index: index, delta: piece });
      ev('response.function_call_arguments.done', { item_id: item.id, output_index: index, arguments: item.arguments });
    }
    ev('response.output_item.done', { output_index: index, item });
  });
  ev('response.completed', { response: response('completed', items) });
  res.end();
}
