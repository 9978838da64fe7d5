/**
 * What a client would make of an encoded stream, plus the protocol invariants each
 * format's clients rely on. Throws on a violation (event after the terminal one, a
 * content block closed twice, an empty text block, sequence numbers out of order, ...).
 */
import { createParser } from 'eventsource-parser';
import { fromEncryptedContent } from '../../src/formats/shared/reasoning-token.js';

export interface Assembled {
  text: string;
  reasoning: string;
  signature: string;
  tools: { id: string; name: string; args: string }[];
  finish: string | undefined;
  usage: { input: number; output: number; cacheRead: number } | undefined;
  error: string | undefined;
  terminals: number;
}

export function sseEvents(text: string): { event?: string; data: string }[] {
  const out: { event?: string; data: string }[] = [];
  const parser = createParser({ onEvent: (e) => out.push(e.event === undefined ? { data: e.data } : { event: e.event, data: e.data }) });
  parser.feed(text);
  return out;
}

function empty(): Assembled {
  return { text: '', reasoning: '', signature: '', tools: [], finish: undefined, usage: undefined, error: undefined, terminals: 0 };
}

export function assembleOpenAIChat(stream: string): Assembled {
  const a = empty();
  for (const { data } of sseEvents(stream)) {
    if (a.terminals > 0) throw new Error(`event after the end of the stream: ${data}`);
    if (data === '[DONE]') {
      a.terminals += 1;
      continue;
    }
    const json = JSON.parse(data);
    if (json.error) {
      a.error = json.error.message;
      a.terminals += 1;
      continue;
    }
    if (json.object !== 'chat.completion.chunk' || !json.id.startsWith('chatcmpl')) throw new Error(`bad chunk ${data}`);
    if (json.usage)
      a.usage = { input: json.usage.prompt_tokens, output: json.usage.completion_tokens, cacheRead: json.usage.prompt_tokens_details?.cached_tokens ?? 0 };
    const choice = json.choices[0];
    if (!choice) continue;
    const delta = choice.delta;
    a.text += delta.content ?? '';
    a.reasoning += delta.reasoning_content ?? '';
    for (const call of delta.tool_calls ?? []) {
      if (call.id) a.tools[call.index] = { id: call.id, name: call.function.name, args: call.function.arguments ?? '' };
      else a.tools[call.index]!.args += call.function.arguments;
    }
    if (choice.finish_reason) a.finish = choice.finish_reason;
  }
  return a;
}

export function assembleAnthropic(stream: string): Assembled {
  const a = empty();
  let started = 0;
  let open: { index: number; type: string; filled: boolean } | undefined;
  let next = 0;
  let startInput = '{}';
  for (const { event, data } of sseEvents(stream)) {
    if (a.terminals > 0) throw new Error(`event after the end of the stream: ${data}`);
    const json = JSON.parse(data);
    if (event !== json.type) throw new Error(`event name ${event} does not match type ${json.type}`);
    switch (json.type) {
      case 'message_start':
        started += 1;
        if (!json.message.id.startsWith('msg_')) throw new Error('message id must start with msg_');
        a.usage = {
          input: json.message.usage.input_tokens + json.message.usage.cache_read_input_tokens + json.message.usage.cache_creation_input_tokens,
          output: 0,
          cacheRead: json.message.usage.cache_read_input_tokens,
        };
        break;
      case 'content_block_start':
        if (open) throw new Error(`block ${json.index} started while ${open.index} is open`);
        if (json.index !== next++) throw new Error(`block index ${json.index} out of order`);
        open = { index: json.index, type: json.content_block.type, filled: json.content_block.type !== 'text' };
        if (json.content_block.type === 'tool_use') a.tools.push({ id: json.content_block.id, name: json.content_block.name, args: '' });
        startInput = JSON.stringify(json.content_block.input ?? {});
        break;
      case 'content_block_delta': {
        if (!open || open.index !== json.index) throw new Error(`delta for block ${json.index} which is not open`);
        const d = json.delta;
        if (d.type === 'text_delta') {
          if (d.text !== '') open.filled = true;
          a.text += d.text;
        } else if (d.type === 'thinking_delta') a.reasoning += d.thinking;
        else if (d.type === 'signature_delta') a.signature += d.signature;
        else if (d.type === 'input_json_delta') a.tools[a.tools.length - 1]!.args += d.partial_json;
        break;
      }
      case 'content_block_stop':
        if (!open || open.index !== json.index) throw new Error(`stop for block ${json.index} which is not open`);
        if (!open.filled) throw new Error(`empty text block ${json.index}`);
        // Like the SDK: a tool block with no input_json_delta keeps the input of its start.
        if (open.type === 'tool_use' && a.tools[a.tools.length - 1]!.args === '') a.tools[a.tools.length - 1]!.args = startInput;
        open = undefined;
        break;
      case 'message_delta':
        if (open) throw new Error('message_delta while a block is open');
        a.finish = json.delta.stop_reason;
        a.usage = {
          input: json.usage.input_tokens + json.usage.cache_read_input_tokens + json.usage.cache_creation_input_tokens,
          output: json.usage.output_tokens,
          cacheRead: json.usage.cache_read_input_tokens,
        };
        break;
      case 'message_stop':
        a.terminals += 1;
        break;
      case 'error':
        a.error = `${json.error.type}: ${json.error.message}`;
        a.terminals += 1;
        break;
      default:
        throw new Error(`unexpected event ${json.type}`);
    }
  }
  // A stream that fails before any output may consist of the error event alone.
  const onlyError = started === 0 && a.error !== undefined && a.text === '' && a.tools.length === 0;
  if (started !== 1 && !onlyError) throw new Error(`expected one message_start, got ${started}`);
  return a;
}

export function assembleResponses(stream: string): Assembled {
  const a = empty();
  let seq = 0;
  const items = new Map<number, { type: string; done: boolean }>();
  let openItem: number | undefined;
  for (const { event, data } of sseEvents(stream)) {
    if (a.terminals > 0) throw new Error(`event after the end of the stream: ${data}`);
    const json = JSON.parse(data);
    if (event !== json.type) throw new Error(`event name ${event} does not match type ${json.type}`);
    if (json.sequence_number !== seq++) throw new Error(`sequence_number ${json.sequence_number} out of order`);
    if (seq === 1 && json.type !== 'response.created') throw new Error('first event must be response.created');
    switch (json.type) {
      case 'response.output_item.added':
        if (items.has(json.output_index)) throw new Error(`output_index ${json.output_index} reused`);
        if (openItem !== undefined) throw new Error(`output item ${json.output_index} added while item ${openItem} is still open`);
        if (json.output_index !== items.size) throw new Error(`output_index ${json.output_index} skips ahead`);
        openItem = json.output_index;
        items.set(json.output_index, { type: json.item.type, done: false });
        if (json.item.type === 'function_call' || json.item.type === 'custom_tool_call')
          a.tools[json.output_index] = { id: json.item.call_id, name: json.item.name, args: '' };
        break;
      case 'response.output_item.done':
        items.get(json.output_index)!.done = true;
        if (openItem !== json.output_index) throw new Error(`output item ${json.output_index} done while ${openItem} is the open one`);
        openItem = undefined;
        if (json.item.type === 'reasoning' && json.item.encrypted_content) {
          const state = fromEncryptedContent(json.item.encrypted_content);
          a.signature = state.signature ?? state.encryptedContent ?? '';
        }
        if (json.item.type === 'custom_tool_call') {
          if (a.tools[json.output_index]!.args !== json.item.input) throw new Error('custom tool input.done differs from the deltas');
          a.tools[json.output_index]!.args = JSON.stringify({ input: json.item.input });
        }
        break;
      case 'response.output_text.delta':
        a.text += json.delta;
        break;
      case 'response.reasoning_summary_text.delta':
        a.reasoning += json.delta;
        break;
      case 'response.function_call_arguments.delta':
        a.tools[json.output_index]!.args += json.delta;
        break;
      case 'response.custom_tool_call_input.delta':
        a.tools[json.output_index]!.args += json.delta;
        break;
      case 'response.function_call_arguments.done':
        if (a.tools[json.output_index]!.args !== json.arguments) throw new Error('arguments.done differs from the deltas');
        break;
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed': {
        a.terminals += 1;
        if ([...items.values()].some((i) => !i.done)) throw new Error('terminal event with an output item still open');
        const r = json.response;
        if (r.output.length !== items.size) throw new Error(`terminal response lists ${r.output.length} output items, ${items.size} were streamed`);
        a.finish = r.status;
        if (r.error) a.error = r.error.message;
        if (r.usage) a.usage = { input: r.usage.input_tokens, output: r.usage.output_tokens, cacheRead: r.usage.input_tokens_details.cached_tokens };
        break;
      }
      default:
        break;
    }
  }
  a.tools = a.tools.filter(Boolean);
  return a;
}
