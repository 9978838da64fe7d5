/** Lines of the Traffic screen: one request per line, and a request's attempt trail. */
import { formatUsd } from '../../config/format-usd.js';
import type { RequestRecord } from '../../daemon/protocol.js';

export function recordLine(r: RequestRecord): string {
  const target = r.selected ?? r.attempts.at(-1)?.candidate ?? '-';
  const tokens = r.tokens ? `${r.tokens.input}/${r.tokens.output} tok` : '';
  const marks = [r.fallback ? '↪ fallback' : '', r.retries ? `↻${r.retries}` : '', r.aborted ? 'left' : '', r.streamError ? 'stream error' : ''].filter(
    Boolean,
  );
  return [
    r.time.slice(11, 19),
    String(r.status),
    `${r.model ?? '(default)'} → ${target}`,
    `${Math.round(r.durationMs)} ms`,
    tokens,
    formatUsd(r.cost),
    ...marks,
  ]
    .filter(Boolean)
    .join('  ');
}

export function trailLines(r: RequestRecord): string[] {
  return [
    `${r.id}  ${r.time}  ${r.client} ${r.path}`,
    `model ${r.model ?? '(default)'} → route ${r.route ?? '-'} (${r.strategy ?? '-'}), answered by ${r.selected ?? 'nobody'}: ${r.status}${r.aborted ? ', client left' : ''}`,
    `${r.streamed ? 'streamed' : 'not streamed'}, first output ${r.ttftMs === null ? '-' : `${Math.round(r.ttftMs)} ms`}, total ${Math.round(r.durationMs)} ms${r.waitedMs ? `, waited ${r.waitedMs} ms for a cooldown` : ''}`,
    r.tokens
      ? `tokens: ${r.tokens.input} in (${r.tokens.cacheRead} cache read, ${r.tokens.cacheWrite} cache write), ${r.tokens.output} out (${r.tokens.reasoning} reasoning)  ${formatUsd(r.cost)}`
      : 'tokens: not reported',
    '',
    'Attempts:',
    ...r.attempts.map(
      (a, i) => `  ${i + 1}. ${a.candidate} try ${a.try}: ${a.label}${a.category ? ` (${a.category})` : ''} → ${a.decision}, ${Math.round(a.durationMs)} ms`,
    ),
    ...(r.attempts.length === 0 ? ['  (none: nothing could be tried)'] : []),
    ...(r.skipped.length ? ['', `Skipped: ${r.skipped.join(', ')}`] : []),
    ...(r.warnings.length ? [`Warnings: ${r.warnings.join(', ')}`] : []),
    ...(r.streamError ? [`Stream error after output: ${r.streamError}`] : []),
  ];
}
