/**
 * The text of an OpenAI Chat stream chunk read without parsing the whole chunk, when it is
 * a plain content delta of the only choice, as OpenAI sends most of a text answer:
 *   {"id":…,"object":"chat.completion.chunk",…,"choices":[{"index":0,"delta":{"content":"…"},
 *    "logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"…"}
 * Only for chunks after the first (the decoder reads id and model from that one). Anything
 * else (another key in the delta or the choice, a finish reason, more choices, usage or an
 * error anywhere) gives undefined and the chunk is parsed in full.
 *
 * A stream's chunks repeat one head (id, object, created, model, fingerprint) before
 * "choices". `createChatTextDeltaReader` remembers the head of the last chunk it checked
 * character by character; a later chunk that starts with exactly that text needs only its
 * tail checked (one comparison instead of a scan of ~100 characters per delta).
 */
import { jsonStringAt, textAt } from '../shared/json-string.js';

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

function tailAt(data: string, at: number): string | undefined {
  for (const tail of CHOICE_TAILS) if (textAt(data, tail, at)) return tail;
  return undefined;
}

/** The content after the choice opening at `open` (the index of its opening quote), if the rest of the chunk is quiet. */
function textFrom(data: string, open: number): string | undefined {
  const text = jsonStringAt(data, open);
  if (!text) return undefined;
  const tail = tailAt(data, text.close + 1);
  if (!tail) return undefined;
  return quietAround(data, text.close + 1 + tail.length, data.length) ? text.value : undefined;
}

export function chatTextDeltaOf(data: string): string | undefined {
  return readChunk(data)?.text;
}

/** The text, and where the content's opening quote is (the head before it was checked quiet). */
function readChunk(data: string): { text: string; open: number } | undefined {
  if (data.charCodeAt(0) !== 0x7b || data.charCodeAt(data.length - 1) !== 0x7d) return undefined;
  const at = data.indexOf(CHOICE_OPEN);
  if (at === -1 || !quietAround(data, 0, at)) return undefined;
  const open = at + CHOICE_OPEN.length - 1;
  const text = textFrom(data, open);
  return text === undefined ? undefined : { text, open };
}

/** A reader for one stream: chatTextDeltaOf, with the stream's quiet head remembered. */
export function createChatTextDeltaReader(): (data: string) => string | undefined {
  // The text up to and including the content's opening quote, of a chunk whose head was scanned quiet.
  let head = '';
  return (data) => {
    if (head !== '' && textAt(data, head) && data.charCodeAt(data.length - 1) === 0x7d) return textFrom(data, head.length - 1);
    const read = readChunk(data);
    if (read) head = data.slice(0, read.open + 1);
    return read?.text;
  };
}
