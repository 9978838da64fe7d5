/** One request-log record as a line for a person. */
import { formatUsd } from '../../config/format-usd.js';
import type { RequestRecord } from '../../gateway/core/observe/request-record.js';

export function formatTokens(t: RequestRecord['tokens']): string {
  if (!t) return 'no usage';
  const cache = t.cacheRead || t.cacheWrite ? ` (cache ${t.cacheRead} read, ${t.cacheWrite} write)` : '';
  return `${t.input} in${cache} / ${t.output} out`;
}

export function formatRecord(r: RequestRecord): string {
  const target = r.selected ?? (r.attempts.at(-1)?.candidate ? `${r.attempts.at(-1)!.candidate} (failed)` : 'no target');
  const marks = [
    r.fallback ? 'fallback' : '',
    r.retries ? `${r.retries} retr${r.retries === 1 ? 'y' : 'ies'}` : '',
    r.aborted ? 'client left' : '',
    r.streamError ? `stream error: ${r.streamError}` : '',
    r.waitedMs ? `waited ${Math.round(r.waitedMs)} ms` : '',
  ].filter(Boolean);
  const timing = `${r.ttftMs !== null && r.streamed ? `ttft ${Math.round(r.ttftMs)} ms, ` : ''}${Math.round(r.durationMs)} ms`;
  return [
    `${r.time.slice(0, 19).replace('T', ' ')} ${r.status} ${r.model ?? '(default)'} -> ${target}`,
    `${r.streamed ? 'stream' : 'json'} ${timing}`,
    formatTokens(r.tokens),
    formatUsd(r.cost),
    marks.join(', '),
    r.id,
  ]
    .filter(Boolean)
    .join('  ');
}
