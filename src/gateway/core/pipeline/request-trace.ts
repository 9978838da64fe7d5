/**
 * What happened to one model request, as data: the route, every try of every candidate
 * (and what the router decided after it), what was skipped and why, who answered, and the
 * converters' warnings. The pipeline fills it in; the debug headers, the request log and
 * metrics read it. Never holds request content or secrets.
 */
import type { ConversionWarning, Usage } from '../../../formats/index.js';

export interface AttemptTrace {
  candidate: string;
  /** 1-based try of this candidate. */
  try: number;
  /** HTTP status, or network, timeout, stream-error, bad-body, no-url, unsupported-content. */
  label: string;
  /** Failure class (routing/classify-failure.ts) when it failed. */
  category?: string;
  /** What the router did next: retry the candidate, try the next one, answer with this. */
  decision: 'success' | 'retry' | 'next' | 'answer';
  durationMs: number;
}

export interface RequestTrace {
  route?: string;
  strategy?: string;
  attempts: AttemptTrace[];
  /** `candidate:reason` for every target left out. */
  skipped: string[];
  selected?: string;
  warnings: ConversionWarning[];
  /** Milliseconds waited for a cooling-down target before planning again. */
  waitedMs?: number;
  /** Token usage the answering upstream reported. */
  usage?: Partial<Usage> | undefined;
  /** Milliseconds from arrival to the first output committed to (the whole body when not streamed). */
  firstOutputMs?: number;
  /** An error sent in-stream after output had started. */
  streamError?: string;
}

export function emptyTrace(): RequestTrace {
  return { attempts: [], skipped: [], warnings: [] };
}

const SAFE = /[^\x20-\x7e]/g;

/** A header value: printable ASCII only (feature names come from client input), bounded. */
export function headerList(items: readonly string[], max = 512): string {
  return items.slice(0, 16).join(',').replace(SAFE, '?').slice(0, max);
}

/** `x-llm-router-*` debug headers for a trace (LLM_ROUTER_DEBUG_ROUTING). */
export function debugHeaders(trace: RequestTrace): Record<string, string> {
  const out: Record<string, string> = {};
  if (trace.route) out['x-llm-router-route-ref'] = headerList([trace.route]);
  if (trace.strategy) out['x-llm-router-route-strategy'] = trace.strategy;
  if (trace.selected) out['x-llm-router-selected-candidate'] = headerList([trace.selected]);
  out['x-llm-router-attempts'] = headerList(trace.attempts.map((a) => `${a.candidate}:${a.label}${a.try > 1 ? `#${a.try}` : ''}`));
  if (trace.skipped.length > 0) out['x-llm-router-skipped-candidates'] = headerList(trace.skipped);
  if (trace.warnings.length > 0)
    out['x-llm-router-warnings'] = headerList(
      trace.warnings.map((w) => `${w.type}:${w.feature}`),
      1024,
    );
  return out;
}
