/** Reads the request log (`requests.jsonl.1` then `requests.jsonl`) and filters it for `logs` and `usage`. */
import { readFile } from 'node:fs/promises';
import { RouterError } from '../../errors/router-error.js';
import type { RequestRecord } from '../../gateway/core/observe/request-record.js';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since=10m` (s, m, h, d, w) or an ISO date/time: the earliest time to include, in ms. */
export function parseSince(text: string, now = Date.now()): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(text.trim());
  if (m) return now - Number(m[1]) * (UNITS[m[2]!.toLowerCase()] ?? 0);
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new RouterError('USAGE', `--since must be a duration like 30s, 10m, 2h, 7d or an ISO time, got ${JSON.stringify(text)}`);
  return at;
}

export interface RecordFilter {
  since?: number;
  /** Matches the requested model, the route or the answering candidate (substring). */
  model?: string;
  provider?: string;
  /** 200, 429, 4xx or 5xx. */
  status?: string;
}

export function parseStatusFilter(text: string): string {
  if (!/^([1-5]\d\d|[1-5]xx)$/i.test(text))
    throw new RouterError('USAGE', `--status must be a status like 429 or a class like 5xx, got ${JSON.stringify(text)}`);
  return text.toLowerCase();
}

export function matches(record: RequestRecord, filter: RecordFilter): boolean {
  if (filter.since !== undefined && Date.parse(record.time) < filter.since) return false;
  if (filter.model && ![record.model, record.route, record.selected].some((v) => v?.includes(filter.model!))) return false;
  if (filter.provider && record.provider !== filter.provider) return false;
  if (filter.status) {
    const s = String(record.status);
    if (filter.status.endsWith('xx') ? s[0] !== filter.status[0] : s !== filter.status) return false;
  }
  return true;
}

export function parseLines(text: string): RequestRecord[] {
  const out: RequestRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const record = JSON.parse(line) as RequestRecord;
      if (typeof record.id === 'string' && typeof record.time === 'string') out.push(record);
    } catch {
      // a line cut by a crash: skip it
    }
  }
  return out;
}

export async function readRecords(path: string, filter: RecordFilter): Promise<RequestRecord[]> {
  const texts = await Promise.all([`${path}.1`, path].map((p) => readFile(p, 'utf8').catch(() => '')));
  return texts.flatMap(parseLines).filter((r) => matches(r, filter));
}
