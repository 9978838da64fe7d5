/**
 * OpenAI Chat passthrough streams for clients that did not ask for usage: the gateway asks
 * the provider for it anyway (`stream_options.include_usage`, so the request log and cost
 * see the tokens); the passthrough tap takes the usage-only chunk back out, so the client
 * gets the stream it asked for.
 */

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
