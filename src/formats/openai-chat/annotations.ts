/** OpenAI Chat `url_citation` annotations <-> canonical citations. */
import type { Citation } from '../canonical/types.js';
import { defined, isRecord, num, str } from '../shared/values.js';

export function chatAnnotation(citation: Citation): Record<string, unknown> {
  const inner = defined({ url: citation.url, title: citation.title ?? citation.url } as Record<string, unknown>, {
    start_index: citation.startIndex,
    end_index: citation.endIndex,
  });
  return { type: 'url_citation', url_citation: inner };
}

/** A Chat annotation (message.annotations[] or delta.annotations[]) -> a citation; undefined for other kinds. */
export function citationFromChat(annotation: unknown): Citation | undefined {
  if (!isRecord(annotation) || annotation.type !== 'url_citation') return undefined;
  const inner = isRecord(annotation.url_citation) ? annotation.url_citation : annotation;
  const url = str(inner.url);
  if (!url) return undefined;
  return defined({ url } as Citation, { title: str(inner.title), startIndex: num(inner.start_index), endIndex: num(inner.end_index) });
}
