/**
 * The text of an OpenAI Chat stream chunk read without parsing the whole chunk, when it is
 * a plain content delta of the only choice, as OpenAI sends most of a text answer:
 *   {"id":…,"object":"chat.completion.chunk",…,"choices":[{"index":0,"delta":{"content":"…"},
 *    "logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"…"}
 * Only for chunks after the first (the decoder reads id and model from that one). Anything
 * else (another key in the delta or the choice, a finish reason, more choices, usage or an
 * error anywhere) gives undefined and the chunk is parsed in full.
 */
import { jsonStringAt } from '../shared/json-string.js';

const CHOICE_OPEN = '"choices":[{"index":0,"delta":{"content":"';
const CHOICE_TAILS = ['},"logprobs":null,"finish_reason":null}]', '},"finish_reason":null,"logprobs":null}]', '},"finish_reason":null}]'];

/** The text outside the choice holds nothing the decoder reads: no usage object, no error. */
function quietAround(data: string, from: number, to: number): boolean {
  // One pass over the characters (cheaper than an indexOf per key on these short strings).
  for (let i = from; i < to; i += 1) {
    if (data.charCodeAt(i) !== 0x22) continue;
    const next = data.charCodeAt(i + 1);
    if (next === 0x65 && data.startsWith('"error"', i)) return false;
    if (next === 0x75 && data.startsWith('"usage"', i) && !data.startsWith('"usage":null', i)) return false;
  }
  return true;
}

export function chatTextDeltaOf(data: string): string | undefined {
  if (data.charCodeAt(0) !== 0x7b || data.charCodeAt(data.length - 1) !== 0x7d) return undefined;
  const at = data.indexOf(CHOICE_OPEN);
  if (at === -1) return undefined;
  const text = jsonStringAt(data, at + CHOICE_OPEN.length - 1);
  if (!text) return undefined;
  const tail = CHOICE_TAILS.find((t) => data.startsWith(t, text.close + 1));
  if (!tail) return undefined;
  return quietAround(data, 0, at) && quietAround(data, text.close + 1 + tail.length, data.length) ? text.value : undefined;
}
