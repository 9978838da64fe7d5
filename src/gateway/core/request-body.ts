/**
 * A model route's JSON body, read only as far as the request needs.
 *
 * The bytes are checked to be one JSON object (json-scan.ts: the grammar JSON.parse takes,
 * depth bounded) and `model`, `stream` and `stream_options` are read from where they lie.
 * A passthrough then leaves with the client's exact bytes, `model` spliced in (and, for an
 * OpenAI Chat stream, `include_usage` asked for): neither decoded, parsed nor serialised.
 * The whole body is parsed only when something asks for it (a translation, format
 * detection on the unified endpoints, count_tokens). A body the scan does not take takes
 * the ordinary parse, which words the 400 for one that is really wrong.
 */
import { BodyError, MAX_JSON_DEPTH, parseJsonBody, requireJsonType } from './body.js';
import { scanJsonObject, scanKeys, type Span } from './json-scan.js';

const KEYS = scanKeys('model', 'stream', 'stream_options');
const utf8 = new TextDecoder();
const encoder = new TextEncoder();

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `raw` with each [start, end) replaced by its text (edits in order, not overlapping). */
function splice(raw: Uint8Array, edits: Edit[]): Uint8Array {
  const parts = edits.map((e) => encoder.encode(e.text));
  const out = new Uint8Array(raw.length + edits.reduce((n, e, k) => n + parts[k]!.length - (e.end - e.start), 0));
  let from = 0;
  let at = 0;
  edits.forEach((e, k) => {
    out.set(raw.subarray(from, e.start), at);
    at += e.start - from;
    out.set(parts[k]!, at);
    at += parts[k]!.length;
    from = e.end;
  });
  out.set(raw.subarray(from), at);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class RequestBody {
  private parsed: Record<string, unknown> | undefined;
  /** Top-level fields the routing reads. */
  readonly model: unknown;
  readonly stream: unknown;
  readonly streamOptions: unknown;

  private constructor(
    /** The client's bytes and where the fields lie in them; absent for a body given parsed. */
    private readonly raw: Uint8Array | undefined,
    private readonly spans: (Span | undefined)[] | undefined,
    parsed: Record<string, unknown> | undefined,
  ) {
    this.parsed = parsed;
    if (raw && spans) {
      this.model = this.valueAt(spans[0]);
      this.stream = this.valueAt(spans[1]);
      this.streamOptions = this.valueAt(spans[2]);
    } else {
      this.model = parsed?.model;
      this.stream = parsed?.stream;
      this.streamOptions = parsed?.stream_options;
    }
  }

  /** A body already parsed (tests, internal callers). */
  static of(value: Record<string, unknown>): RequestBody {
    return new RequestBody(undefined, undefined, value);
  }

  /** A model route's body: a JSON object, or a BodyError (415 for a non-JSON type, 400 otherwise). */
  static read(bytes: Uint8Array | undefined, contentType: string | string[] | undefined): RequestBody {
    if (bytes === undefined) throw new BodyError('invalid_request', 'request body must be a JSON object');
    requireJsonType(contentType);
    const spans = scanJsonObject(bytes, KEYS, MAX_JSON_DEPTH);
    if (spans) return new RequestBody(bytes, spans, undefined);
    const value = parseJsonBody(utf8.decode(bytes));
    if (!isObject(value)) throw new BodyError('invalid_request', 'request body must be a JSON object');
    return new RequestBody(undefined, undefined, value);
  }

  private valueAt(span: Span | undefined): unknown {
    if (!span || !this.raw) return undefined;
    const [start, end] = span;
    // `true` is what a stream request sends: no decoding for it.
    if (end - start === 4 && this.raw[start] === 0x74) return true;
    return JSON.parse(utf8.decode(this.raw.subarray(start, end))) as unknown;
  }

  /** The whole body, parsed on first need. */
  get value(): Record<string, unknown> {
    if (!this.parsed) {
      let value: unknown;
      try {
        value = JSON.parse(utf8.decode(this.raw));
      } catch (err) {
        // The scan takes only what JSON.parse takes; this is here so a gap in it is a 400, never a 500.
        throw new BodyError('invalid_request', `request body is not valid JSON: ${(err as Error).message}`);
      }
      this.parsed = value as Record<string, unknown>;
    }
    return this.parsed;
  }

  /**
   * The body for a provider of the client's own format: `model` replaced and, when
   * `askUsage`, `stream_options.include_usage` set. The client's bytes with those values
   * spliced in when it came as bytes; else serialised.
   */
  passthrough(model: string, askUsage = false): Uint8Array | string {
    const options = askUsage ? { ...(isObject(this.streamOptions) ? this.streamOptions : {}), include_usage: true } : undefined;
    if (!this.raw || !this.spans) return JSON.stringify({ ...this.value, model, ...(options ? { stream_options: options } : {}) });
    const edits: Edit[] = [];
    const added: string[] = [];
    const [modelAt, , optionsAt] = this.spans;
    if (modelAt) edits.push({ start: modelAt[0], end: modelAt[1], text: JSON.stringify(model) });
    else added.push(`"model":${JSON.stringify(model)}`);
    if (options && optionsAt) edits.push({ start: optionsAt[0], end: optionsAt[1], text: JSON.stringify(options) });
    else if (options) added.push(`"stream_options":${JSON.stringify(options)}`);
    if (added.length > 0) {
      const open = this.raw.indexOf(0x7b);
      let next = open + 1;
      while (this.raw[next] === 0x20 || this.raw[next] === 0x0a || this.raw[next] === 0x0d || this.raw[next] === 0x09) next += 1;
      const text = added.join(',') + (this.raw[next] === 0x7d ? '' : ',');
      edits.unshift({ start: open + 1, end: open + 1, text });
    }
    // A BOM is not for the provider (RFC 8259: senders must not add one); JSON.parse never saw it either.
    if (this.raw[0] === 0xef && this.raw[1] === 0xbb && this.raw[2] === 0xbf) edits.push({ start: 0, end: 3, text: '' });
    edits.sort((a, b) => a.start - b.start || a.end - b.end);
    return splice(this.raw, edits);
  }
}
