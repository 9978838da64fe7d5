/** Documents and files between formats: data URLs, text documents, titles. */
import type { DocumentPart, TextPart } from '../canonical/types.js';

const DATA_URL = /^data:([^;,]+)?((?:;[^;,]*)*?);base64,(.*)$/s;

/** `data:<type>;base64,<data>` -> its parts; undefined for anything else. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = DATA_URL.exec(url);
  return match ? { mediaType: match[1] ?? 'application/octet-stream', data: match[3] ?? '' } : undefined;
}

export function dataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}

/** True for media types a model reads as plain text. */
export function isTextMediaType(mediaType: string): boolean {
  return /^text\//i.test(mediaType) || /^application\/(json|xml|x-yaml|yaml|csv)\b/i.test(mediaType);
}

/** Base64 of UTF-8 text -> the text (undefined when it is not valid base64 or UTF-8). */
export function decodeBase64Text(data: string): string | undefined {
  try {
    const binary = atob(data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A text document as the text a model would read (its title first, when it has one). */
export function documentText(part: DocumentPart): string | undefined {
  const source = part.source;
  let text: string | undefined;
  if (source.kind === 'text') text = source.text;
  else if (source.kind === 'base64' && isTextMediaType(source.mediaType)) text = decodeBase64Text(source.data);
  if (text === undefined) return undefined;
  const title = part.title ?? part.filename;
  return title ? `${title}\n\n${text}` : text;
}

/** A text document as a text part (keeps cache_control), or undefined when it is binary. */
export function documentAsText(part: DocumentPart): TextPart | undefined {
  const text = documentText(part);
  if (text === undefined) return undefined;
  return part.cacheControl ? { type: 'text', text, cacheControl: part.cacheControl } : { type: 'text', text };
}

/** A file name for a document sent where one is required (OpenAI `file` parts). */
export function filenameOf(part: DocumentPart, mediaType: string): string {
  if (part.filename) return part.filename;
  const ext = mediaType === 'application/pdf' ? 'pdf' : (mediaType.split('/')[1] ?? 'bin').replace(/[^a-z0-9]/gi, '');
  const base = (part.title ?? 'document').replace(/[^\w.-]+/g, '_').slice(0, 60) || 'document';
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base}.${ext}`;
}
