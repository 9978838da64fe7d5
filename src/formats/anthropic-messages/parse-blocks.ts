/**
 * Anthropic content blocks -> canonical parts. Every block becomes a part: the ones the hub
 * knows as themselves, everything else as an opaque part with its text (ADR 0009), so a
 * block type Anthropic adds tomorrow never fails a request.
 */
import type { AssistantPart, CacheControl, DocumentPart, ImagePart, OpaquePart, TextPart, ToolResultContent, UserPart } from '../canonical/types.js';
import { fromAnthropicSignature } from '../shared/reasoning-token.js';
import { arr, defined, isRecord, str, type Json } from '../shared/values.js';

export function cacheOf(block: Json): { cacheControl?: CacheControl } {
  return isRecord(block.cache_control) ? { cacheControl: block.cache_control as unknown as CacheControl } : {};
}

export function blocksOf(content: unknown): Json[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return arr(content).filter(isRecord);
}

/** Text a block carries, for blocks the hub has no type for (search results, tool results of server tools). */
export function textOf(value: unknown, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const texts = value.map((v) => textOf(v, depth + 1)).filter((t): t is string => t !== undefined && t !== '');
    return texts.length > 0 ? texts.join('\n') : undefined;
  }
  if (!isRecord(value)) return undefined;
  for (const key of ['text', 'stdout', 'content', 'stderr']) {
    const text = textOf(value[key], depth + 1);
    if (text !== undefined && text !== '') return text;
  }
  return undefined;
}

export function opaque(block: Json, origin: string): OpaquePart {
  const source = isRecord(block.source) ? block.source : undefined;
  const binary = source !== undefined || typeof block.data === 'string' || typeof block.file_id === 'string';
  return defined({ type: 'opaque', kind: String(block.type ?? 'unknown'), binary, origin } as OpaquePart, { text: textOf(block) });
}

function image(block: Json, origin: string): ImagePart | OpaquePart {
  const source = isRecord(block.source) ? block.source : {};
  if (source.type === 'base64' && typeof source.data === 'string') {
    return { type: 'image', source: { kind: 'base64', mediaType: str(source.media_type) ?? 'image/png', data: source.data }, ...cacheOf(block) };
  }
  if (source.type === 'url' && typeof source.url === 'string') return { type: 'image', source: { kind: 'url', url: source.url }, ...cacheOf(block) };
  return { type: 'opaque', kind: source.type === 'file' ? 'image (Anthropic file id)' : 'image', binary: true, origin };
}

function documentSource(source: Json): DocumentPart['source'] | undefined {
  if (source.type === 'base64' && typeof source.data === 'string')
    return { kind: 'base64', mediaType: str(source.media_type) ?? 'application/pdf', data: source.data };
  if (source.type === 'url' && typeof source.url === 'string') return { kind: 'url', url: source.url };
  if (source.type === 'text' && typeof source.data === 'string')
    return defined({ kind: 'text', text: source.data } as DocumentPart['source'], { mediaType: str(source.media_type) });
  if (source.type === 'content') return { kind: 'text', text: textOf(source.content) ?? '' };
  if (source.type === 'file' && typeof source.file_id === 'string') return { kind: 'file', fileId: source.file_id, fileOwner: 'anthropic' };
  return undefined;
}

function documentPart(block: Json, origin: string): DocumentPart | OpaquePart {
  const source = isRecord(block.source) ? documentSource(block.source) : undefined;
  if (!source) return opaque(block, origin);
  return defined({ type: 'document', source, origin } as DocumentPart, {
    title: str(block.title),
    context: str(block.context),
    citations: isRecord(block.citations) && block.citations.enabled === true ? true : undefined,
    ...cacheOf(block),
  });
}

function toolResultContent(content: unknown, origin: string): ToolResultContent[] {
  return blocksOf(content).map((block, j): ToolResultContent => {
    const at = `${origin}.content[${j}]`;
    if (block.type === 'text' && typeof block.text === 'string') return { type: 'text', text: block.text, ...cacheOf(block) };
    if (block.type === 'image') return image(block, at);
    if (block.type === 'document') return documentPart(block, at);
    return opaque(block, at);
  });
}

export function userParts(content: unknown, origin: string): UserPart[] {
  return blocksOf(content).map((block, j): UserPart => {
    const at = `${origin}.content[${j}]`;
    if (block.type === 'text' && typeof block.text === 'string') return { type: 'text', text: block.text, ...cacheOf(block) };
    if (block.type === 'image') return image(block, at);
    if (block.type === 'document') return documentPart(block, at);
    if (block.type === 'tool_result') {
      return defined(
        { type: 'tool_result', toolCallId: str(block.tool_use_id) ?? '', content: toolResultContent(block.content, at) } as UserPart & { type: 'tool_result' },
        {
          isError: block.is_error === true ? true : undefined,
          ...cacheOf(block),
        },
      );
    }
    return opaque(block, at);
  });
}

export function assistantParts(content: unknown, origin: string): AssistantPart[] {
  return blocksOf(content).map((block, j): AssistantPart => {
    if (block.type === 'text' && typeof block.text === 'string') return { type: 'text', text: block.text, ...cacheOf(block) };
    if (block.type === 'tool_use')
      return { type: 'tool_call', id: str(block.id) ?? '', name: str(block.name) ?? '', arguments: JSON.stringify(block.input ?? {}), ...cacheOf(block) };
    if (block.type === 'thinking') return { type: 'reasoning', text: str(block.thinking) ?? '', ...fromAnthropicSignature(str(block.signature)) };
    if (block.type === 'redacted_thinking') return { type: 'reasoning', text: '', redactedData: str(block.data) ?? '' };
    return opaque(block, `${origin}.content[${j}]`);
  });
}

/** A system message's text parts (non-text blocks in it become opaque parts of a user turn). */
export function systemParts(content: unknown): TextPart[] {
  return blocksOf(content).flatMap((block) => {
    const text = block.type === 'text' && typeof block.text === 'string' ? block.text : textOf(block);
    return text === undefined || text === '' ? [] : [{ type: 'text' as const, text, ...cacheOf(block) }];
  });
}
