/** OpenAI file inputs (Chat `file` parts, Responses `input_file`) <-> canonical documents. */
import type { DocumentPart } from '../canonical/types.js';
import { dataUrl, documentText, filenameOf, parseDataUrl } from './documents.js';
import { defined, str, type Json } from './values.js';

function mediaTypeFromName(filename: string | undefined): string {
  const ext = filename?.split('.').pop()?.toLowerCase();
  if (ext === 'txt' || ext === 'md') return 'text/plain';
  if (ext === 'csv') return 'text/csv';
  if (ext === 'json') return 'application/json';
  return 'application/pdf';
}

/** `{file_data | file_id | file_url, filename}` -> a document (undefined when it has none of them). */
export function openaiFilePart(file: Json, origin: string): DocumentPart | undefined {
  const filename = str(file.filename);
  const base = defined({ type: 'document', origin } as DocumentPart, { filename });
  const data = str(file.file_data);
  if (data !== undefined) {
    const parsed = parseDataUrl(data) ?? { mediaType: mediaTypeFromName(filename), data };
    return { ...base, source: { kind: 'base64', mediaType: parsed.mediaType, data: parsed.data } };
  }
  const id = str(file.file_id);
  if (id !== undefined) return { ...base, source: { kind: 'file', fileId: id, fileOwner: 'openai' } };
  const url = str(file.file_url);
  if (url !== undefined) return { ...base, source: { kind: 'url', url } };
  return undefined;
}

/**
 * A document as OpenAI file fields (`file_data` / `file_id` / `file_url`); text documents
 * are text instead. Undefined when OpenAI has no way to take it (`urlAllowed` is false for
 * Chat, which takes no file URLs; Anthropic file ids mean nothing to OpenAI).
 */
export function openaiFileFields(part: DocumentPart, urlAllowed: boolean): Json | { text: string } | undefined {
  const text = documentText(part);
  if (text !== undefined) return { text };
  const s = part.source;
  if (s.kind === 'base64') return { filename: filenameOf(part, s.mediaType), file_data: dataUrl(s.mediaType, s.data) };
  if (s.kind === 'file') return s.fileOwner === 'openai' ? { file_id: s.fileId } : undefined;
  if (s.kind === 'url') return urlAllowed ? defined({ file_url: s.url } as Json, { filename: part.filename }) : undefined;
  return undefined;
}

/** Why a document has no OpenAI form, for the warning and the refusal. */
export function unplaceableDocument(part: DocumentPart): string {
  const s = part.source;
  if (s.kind === 'url') return 'a document by URL';
  if (s.kind === 'file') return 'an Anthropic file id';
  return 'this document';
}
