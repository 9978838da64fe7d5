/**
 * Issue #12 item 7, the codecs: any JSON a client sends either parses into a request that
 * every upstream builder turns into a body, or is refused with a CodecError (a 4xx) —
 * never another exception; every stream decoder, fed random SSE in random splits with
 * invalid UTF-8, ends in exactly one finish or error and never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRequest, CodecError, createUpstreamDecoder, parseRequest, type UpstreamFormat, type WireFormat } from '../../src/formats/index.js';
import { FORMATS } from '../../src/config/schema.js';
import { FUZZ, LONG } from './fuzz-settings.js';

const CLIENTS: WireFormat[] = ['openai-chat', 'anthropic-messages', 'openai-responses'];
/** Every provider format this build has (a new one joins the table by existing). */
const WIRE: Record<string, UpstreamFormat> = { openai: 'openai-chat', claude: 'anthropic-messages', responses: 'openai-responses' as UpstreamFormat };
const UPSTREAMS: UpstreamFormat[] = FORMATS.map((f) => WIRE[f]!);

const roles = fc.constantFrom('user', 'assistant', 'system', 'developer', 'tool', 'function', 'robot', '');
const blockTypes = fc.constantFrom(
  'text',
  'image',
  'image_url',
  'document',
  'file',
  'input_text',
  'input_image',
  'input_file',
  'tool_use',
  'tool_result',
  'thinking',
  'redacted_thinking',
  'server_tool_use',
  'web_search_tool_result',
  'input_audio',
  'refusal',
  'future_block',
);
const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('any'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('any'), { maxKeys: 4 })),
})).any;
const block = fc.record(
  {
    type: blockTypes,
    text: fc.option(fc.string(), { nil: undefined }),
    source: fc.option(value, { nil: undefined }),
    content: fc.option(value, { nil: undefined }),
    input: fc.option(value, { nil: undefined }),
    id: fc.option(fc.string(), { nil: undefined }),
    tool_use_id: fc.option(fc.string(), { nil: undefined }),
    image_url: fc.option(value, { nil: undefined }),
    file: fc.option(value, { nil: undefined }),
  },
  { requiredKeys: ['type'] },
);
const message = fc.record(
  {
    role: roles,
    content: fc.oneof(fc.string(), fc.array(fc.oneof(block, value), { maxLength: 4 }), value),
    tool_calls: fc.option(value, { nil: undefined }),
    tool_call_id: fc.option(fc.string(), { nil: undefined }),
  },
  { requiredKeys: ['role'] },
);
const tool = fc.oneof(
  value,
  fc.record({
    type: fc.constantFrom('function', 'custom', 'web_search', 'bash_20250124', undefined),
    name: fc.string(),
    input_schema: value,
    parameters: value,
    function: value,
    format: value,
  }),
);
const body = fc.record(
  {
    model: fc.oneof(fc.string(), value),
    messages: fc.oneof(fc.array(fc.oneof(message, value), { maxLength: 6 }), value),
    input: fc.oneof(fc.string(), fc.array(fc.oneof(message, block, value), { maxLength: 6 }), value),
    system: fc.oneof(fc.string(), fc.array(block, { maxLength: 3 }), value),
    tools: fc.oneof(fc.array(tool, { maxLength: 3 }), value),
    tool_choice: value,
    max_tokens: value,
    thinking: value,
    output_config: value,
    reasoning: value,
    response_format: value,
    text: value,
    stream: fc.boolean(),
    stop: value,
  },
  { requiredKeys: [] },
);

describe('request parsers and builders', () => {
  it.each(CLIENTS)(
    '%s: any body parses and builds for every upstream, or is a CodecError',
    (client) => {
      fc.assert(
        fc.property(fc.oneof(body, value), (input) => {
          let parsed;
          try {
            parsed = parseRequest(client, input);
          } catch (err) {
            if (err instanceof CodecError) return;
            throw err;
          }
          for (const upstream of UPSTREAMS) {
            try {
              JSON.stringify(buildRequest(upstream, parsed.value, 'm').value);
            } catch (err) {
              if (!(err instanceof CodecError)) throw err;
            }
          }
        }),
        FUZZ,
      );
    },
    LONG ? 3_600_000 : 30_000,
  );
});

const sseText = fc.array(
  fc.oneof(
    fc
      .record({
        event: fc.option(
          fc.constantFrom(
            'message_start',
            'content_block_start',
            'content_block_delta',
            'message_delta',
            'message_stop',
            'error',
            'ping',
            'response.output_text.delta',
            'response.completed',
          ),
          { nil: undefined },
        ),
        data: fc.oneof(
          fc.json(),
          value.map((v) => JSON.stringify(v)),
          fc.string(),
          fc.constant('[DONE]'),
        ),
      })
      .map((e) => `${e.event ? `event: ${e.event}\n` : ''}data: ${e.data}\n\n`),
    fc.string(),
  ),
  { maxLength: 12 },
);

describe('stream decoders', () => {
  it.each(UPSTREAMS)(
    '%s: random SSE, random splits and invalid UTF-8 end in exactly one terminal part, never a throw',
    (upstream) => {
      fc.assert(
        fc.property(sseText, fc.array(fc.integer({ min: 0, max: 4096 }), { maxLength: 6 }), fc.uint8Array({ maxLength: 8 }), (events, cuts, garbage) => {
          const bytes = new Uint8Array([...new TextEncoder().encode(events.join('')), ...garbage]);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const decoder = createUpstreamDecoder(upstream, () => 1);
          const parts = [];
          let at = 0;
          for (const point of [...points, bytes.length]) {
            parts.push(...decoder.push(bytes.subarray(at, point)));
            at = point;
          }
          parts.push(...decoder.flush());
          const terminals = parts.filter((p) => p.type === 'finish' || p.type === 'error');
          expect(terminals).toHaveLength(1);
          expect(parts[parts.length - 1]).toBe(terminals[0]);
        }),
        FUZZ,
      );
    },
    LONG ? 3_600_000 : 30_000,
  );
});
