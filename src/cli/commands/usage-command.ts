/**
 * `llm-router usage [--since=DUR] [--by=provider|model|alias|day] [--json]`: requests,
 * tokens, cost, error and fallback rates, p50/p95 latency and time to first token per
 * group, from the request log (default: the last 24 hours, by model).
 */
import { RouterError } from '../../errors/router-error.js';
import { stringFlag as flag, type RawFlags } from '../../config/operations/flags-to-input.js';
import { daemonPaths } from '../../daemon/paths.js';
import type { RequestRecord } from '../../gateway/core/observe/request-record.js';
import { writeLines, type Io } from '../io.js';
import { formatUsd } from '../../config/format-usd.js';
import { readRecords } from '../observe/read-records.js';
import { recordFilter } from './logs-command.js';
import { rejectUnknownFlags } from './start-options.js';

const BY = ['provider', 'model', 'alias', 'day'] as const;
type By = (typeof BY)[number];

export interface UsageRow {
  group: string;
  requests: number;
  errors: number;
  errorRate: number;
  fallbacks: number;
  fallbackRate: number;
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number; reasoning: number };
  cost: number;
  latencyMs: { p50: number | null; p95: number | null };
  ttftMs: { p50: number | null; p95: number | null };
}

function groupOf(r: RequestRecord, by: By): string {
  if (by === 'day') return r.time.slice(0, 10);
  if (by === 'provider') return r.provider ?? '(none)';
  if (by === 'alias') return r.route && !r.route.includes('/') ? r.route : '(direct)';
  return r.selected ?? r.model ?? '(none)';
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! * 10) / 10;
}

export function summarize(records: readonly RequestRecord[], by: By): UsageRow[] {
  const groups = new Map<string, RequestRecord[]>();
  for (const r of records) groups.set(groupOf(r, by), [...(groups.get(groupOf(r, by)) ?? []), r]);
  return [...groups.entries()]
    .map(([group, list]) => {
      const tokens = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
      for (const r of list) for (const k of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[k] += r.tokens?.[k] ?? 0;
      const errors = list.filter((r) => r.status >= 400).length;
      const fallbacks = list.filter((r) => r.fallback).length;
      return {
        group,
        requests: list.length,
        errors,
        errorRate: errors / list.length,
        fallbacks,
        fallbackRate: fallbacks / list.length,
        tokens,
        cost: Math.round(list.reduce((sum, r) => sum + (r.cost ?? 0), 0) * 1e8) / 1e8,
        latencyMs: {
          p50: percentile(
            list.map((r) => r.durationMs),
            0.5,
          ),
          p95: percentile(
            list.map((r) => r.durationMs),
            0.95,
          ),
        },
        ttftMs: {
          p50: percentile(
            list.flatMap((r) => (r.ttftMs === null ? [] : [r.ttftMs])),
            0.5,
          ),
          p95: percentile(
            list.flatMap((r) => (r.ttftMs === null ? [] : [r.ttftMs])),
            0.95,
          ),
        },
      };
    })
    .sort((a, b) => b.cost - a.cost || b.requests - a.requests || a.group.localeCompare(b.group));
}

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
const ms = (x: number | null) => (x === null ? '-' : `${Math.round(x)}`);

export async function runUsageCommand(flags: RawFlags, io: Io): Promise<number> {
  rejectUnknownFlags(flags, ['since', 'by', 'model', 'provider', 'status'], 'usage');
  const by = (flag(flags, 'by') ?? 'model') as By;
  if (!BY.includes(by)) throw new RouterError('USAGE', `--by must be one of ${BY.join(', ')}, got ${JSON.stringify(by)}`);
  const filter = recordFilter({ since: '24h', ...flags });
  const records = await readRecords(daemonPaths(io.env).requests, filter);
  const rows = summarize(records, by);
  const total = summarize(records, 'day').reduce((sum, r) => sum + r.cost, 0);
  if (flags.json === true) {
    io.stdout.write(`${JSON.stringify({ since: new Date(filter.since ?? 0).toISOString(), by, requests: records.length, cost: total, rows }, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    writeLines(io.stdout, [`No requests since ${new Date(filter.since ?? 0).toISOString()}.`]);
    return 0;
  }
  const width = Math.max(by.length, ...rows.map((r) => r.group.length));
  writeLines(io.stdout, [
    `Since ${new Date(filter.since ?? 0).toISOString()}: ${records.length} requests, ${formatUsd(total) || '$0 (no pricing set)'}`,
    '',
    `${by.padEnd(width)}  requests  errors  fallback  input tok  cached  output tok  cost        p50/p95 ms  ttft p50/p95`,
    ...rows.map(
      (r) =>
        `${r.group.padEnd(width)}  ${String(r.requests).padStart(8)}  ${pct(r.errorRate).padStart(6)}  ${pct(r.fallbackRate).padStart(8)}  ` +
        `${String(r.tokens.input).padStart(9)}  ${String(r.tokens.cacheRead).padStart(6)}  ${String(r.tokens.output).padStart(10)}  ` +
        `${(formatUsd(r.cost) || '-').padEnd(10)}  ${`${ms(r.latencyMs.p50)}/${ms(r.latencyMs.p95)}`.padStart(10)}  ${ms(r.ttftMs.p50)}/${ms(r.ttftMs.p95)}`,
    ),
  ]);
  return 0;
}
