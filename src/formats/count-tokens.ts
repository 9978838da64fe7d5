/**
 * A local input-token estimate for any canonical request (for upstreams with no
 * count_tokens endpoint): o200k_base tokens of every text, tool definition and tool call,
 * plus small per-message overheads and a flat cost per image.
 */
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { CanonicalRequest } from './canonical/types.js';

const PER_MESSAGE = 4;
const PER_TOOL = 8;
/** Anthropic's estimate for an image of about 1.15 megapixels (width*height/750). */
export const IMAGE_TOKENS = 1600;

export function estimateInputTokens(request: CanonicalRequest): number {
  let total = 0;
  const text = (value: string) => {
    if (value !== '') total += countTokens(value);
  };
  for (const part of request.system) text(part.text);
  if (request.system.length > 0) total += PER_MESSAGE;
  for (const message of request.messages) {
    total += PER_MESSAGE;
    for (const part of message.content) {
      switch (part.type) {
        case 'text':
          text(part.text);
          break;
        case 'image':
          total += IMAGE_TOKENS;
          break;
        case 'tool_call':
          text(part.name);
          text(part.arguments);
          break;
        case 'tool_result':
          for (const c of part.content) {
            if (c.type === 'text') text(c.text);
            else total += IMAGE_TOKENS;
          }
          break;
        case 'reasoning':
          text(part.text);
          break;
      }
    }
  }
  for (const tool of request.tools) {
    total += PER_TOOL;
    text(tool.name);
    text(tool.description ?? '');
    text(JSON.stringify(tool.inputSchema));
  }
  return total;
}
