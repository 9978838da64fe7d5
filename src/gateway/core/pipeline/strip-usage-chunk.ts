/**
 * OpenAI Chat passthrough streams for clients that did not ask for usage: the gateway asks
 * the provider for it anyway (`stream_options.include_usage`, so the request log and cost
 * see the tokens) and takes the usage-only chunk (`choices: []` plus `usage`) back out, so
 * the client gets the stream it asked for. Bytes pass untouched unless a complete event
 * mentions "usage"; an event split across chunks is held until its blank line arrives.
 */
const BOUNDARY = /\r\n\r\n|\n\n|\r\r/g;

export interface UsageStripper {
  push(chunk: Uint8Array): string;
  flush(): string;
}

/** The body with `stream_options.include_usage` added, or undefined when it already asks (or cannot be spliced). */
export function withStreamUsage(raw: Uint8Array, body: Record<string, unknown>): Uint8Array | undefined {
  if (body.stream_options !== undefined) return undefined;
  let at = 0;
  while (at < raw.length && (raw[at] === 0x20 || raw[at] === 0x0a || raw[at] === 0x0d || raw[at] === 0x09)) at += 1;
  if (raw[at] !== 0x7b) return undefined;
  const key = new TextEncoder().encode('"stream_options":{"include_usage":true},');
  const out = new Uint8Array(raw.length + key.length);
  out.set(raw.subarray(0, at + 1), 0);
  out.set(key, at + 1);
  out.set(raw.subarray(at + 1), at + 1 + key.length);
  return out;
}

function isUsageOnly(event: string): boolean {
  const data = event
    .split(/\r\n|\n|\r/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
    .join('\n');
  try {
    const value = JSON.parse(data) as { choices?: unknown; usage?: unknown };
    return Array.isArray(value.choices) && value.choices.length === 0 && typeof value.usage === 'object' && value.usage !== null;
  } catch {
    return false;
  }
}

export function createUsageStripper(): UsageStripper {
  const decoder = new TextDecoder();
  let pending = '';
  const strip = (text: string): string => {
    if (!text.includes('"usage"')) return text;
    let out = '';
    let start = 0;
    for (const match of text.matchAll(BOUNDARY)) {
      const end = match.index + match[0].length;
      const event = text.slice(start, end);
      if (!isUsageOnly(event)) out += event;
      start = end;
    }
    return out + text.slice(start);
  };
  return {
    push(chunk) {
      const text = pending + decoder.decode(chunk, { stream: true });
      let cut = -1;
      for (const match of text.matchAll(BOUNDARY)) cut = match.index + match[0].length;
      if (cut === -1) {
        pending = text;
        return '';
      }
      pending = text.slice(cut);
      return strip(text.slice(0, cut));
    },
    flush() {
      const rest = pending + decoder.decode();
      pending = '';
      return rest;
    },
  };
}
