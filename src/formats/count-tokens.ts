/**
 * A local input-token estimate for any canonical request (for upstreams with no
 * count_tokens endpoint): o200k_base tokens of the system text, every message (including
 * in-place system messages, tool calls and tool results), tool definitions, plus small
 * per-message overheads and a flat cost per image and per binary document page estimate.
 *
 * Heavy counts must not stall other requests: text is tokenized in slices with a pause
 * (`pause`, injected: the gateway yields to its event loop) between them, and beyond
 * `exactChars` characters the rest is extrapolated from the tokens-per-character ratio
 * of what was counted, so a 30 MB body costs about as much as a 2 MB one.
 */
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { CanonicalRequest, DocumentPart, ToolResultContent, UserPart, AssistantPart } from './canonical/types.js';

const PER_MESSAGE = 4;
const PER_TOOL = 8;
/** Anthropic's estimate for an image of about 1.15 megapixels (width*height/750). */
export const IMAGE_TOKENS = 1600;
/** A binary document (PDF) when its size is all we know: ~1 page per 3 KB of base64, ~1,500 tokens a page (text plus page image). */
const PDF_TOKENS_PER_BASE64_BYTE = 1500 / 3000;
const SLICE = 32_768;

export interface EstimateOptions {
  /** Called between slices of text; the gateway passes a yield to its event loop. */
  pause?: () => Promise<void>;
  /** Characters tokenized exactly before the rest is extrapolated. */
  exactChars?: number;
}

function documentTokens(part: DocumentPart): number | string {
  const s = part.source;
  if (s.kind === 'text') return s.text;
  if (s.kind === 'base64') return Math.max(IMAGE_TOKENS, Math.round(s.data.length * PDF_TOKENS_PER_BASE64_BYTE));
  return IMAGE_TOKENS;
}

/** Every piece of a request as text to tokenize or a fixed token cost. */
function* pieces(request: CanonicalRequest): Generator<string | number> {
  for (const part of request.system) yield part.text;
  if (request.system.length > 0) yield PER_MESSAGE;
  const content = function* (part: UserPart | AssistantPart | ToolResultContent): Generator<string | number> {
    switch (part.type) {
      case 'text':
        yield part.text;
        break;
      case 'image':
        yield IMAGE_TOKENS;
        break;
      case 'document':
        yield documentTokens(part);
        break;
      case 'opaque':
        if (part.text) yield part.text;
        break;
      case 'tool_call':
        yield part.name;
        yield part.arguments;
        break;
      case 'tool_result':
        for (const c of part.content) yield* content(c);
        break;
      case 'reasoning':
        yield part.text;
        break;
    }
  };
  for (const message of request.messages) {
    yield PER_MESSAGE;
    for (const part of message.content) yield* content(part);
  }
  for (const tool of request.tools) {
    yield PER_TOOL;
    yield tool.name;
    if (tool.description) yield tool.description;
    yield JSON.stringify(tool.inputSchema);
  }
}

export async function estimateInputTokensAsync(request: CanonicalRequest, options: EstimateOptions = {}): Promise<number> {
  const exactChars = options.exactChars ?? 2_000_000;
  let fixed = 0;
  let counted = 0;
  let countedChars = 0;
  let skippedChars = 0;
  for (const piece of pieces(request)) {
    if (typeof piece === 'number') {
      fixed += piece;
      continue;
    }
    for (let at = 0; at < piece.length; at += SLICE) {
      const slice = piece.slice(at, at + SLICE);
      if (countedChars >= exactChars) {
        skippedChars += slice.length;
        continue;
      }
      counted += countTokens(slice);
      countedChars += slice.length;
      if (options.pause && piece.length > SLICE) await options.pause();
    }
  }
  const extrapolated = countedChars > 0 ? Math.round((skippedChars * counted) / countedChars) : Math.round(skippedChars / 4);
  return fixed + counted + extrapolated;
}

/** The same estimate, synchronously (small requests, tests and benchmarks). */
export function estimateInputTokens(request: CanonicalRequest): number {
  let total = 0;
  for (const piece of pieces(request)) total += typeof piece === 'number' ? piece : piece === '' ? 0 : countTokens(piece);
  return total;
}
