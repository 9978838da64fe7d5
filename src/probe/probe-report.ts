/** The probe's result as data (for --json) and as lines (for people), and the failures that make it partial. */
import { RouterError } from '../errors/router-error.js';
import type { Format } from '../config/schema.js';
import type { EndpointProbe } from './probe-endpoints.js';
import type { FailureKind, FormatCheck, ModelCheck } from './types.js';

export interface ProbeFailure {
  /** What failed: `model gpt-5`, `format claude`, `--models pattern x-*`. */
  what: string;
  kind?: FailureKind;
  detail?: string;
}

export interface ProbeReport {
  formats: FormatCheck[];
  /** How many models the provider lists (undefined: no list could be read). */
  listed?: number;
  listFailures: EndpointProbe['listFailures'];
  selected: string[];
  models: ModelCheck[];
  confirmed: { model: string; format: Format }[];
  failures: ProbeFailure[];
  requests: number;
}

const AUTH_LABEL = { bearer: 'Bearer', 'x-api-key': 'x-api-key', none: 'no key' } as const;

export function failureLine(f: ProbeFailure): string {
  return `${f.what}: ${f.kind ?? 'failed'}${f.detail ? ` (${f.detail})` : ''}`;
}

export function formatFailures(formats: readonly FormatCheck[], expected: readonly Format[]): ProbeFailure[] {
  return formats
    .filter((f) => !f.spoken && expected.includes(f.format))
    .map((f) => ({ what: `format ${f.format} at ${f.baseUrl}`, ...(f.kind ? { kind: f.kind } : {}), ...(f.detail ? { detail: f.detail } : {}) }));
}

export function reportLines(report: ProbeReport): string[] {
  const spoken = report.formats.filter((f) => f.spoken).map((f) => `${f.format} (${AUTH_LABEL[f.auth ?? 'none']}) at ${f.baseUrl}`);
  const lines = [`  probe: speaks ${spoken.join(', ') || 'nothing'}; ${report.requests} request(s)`];
  if (report.listed !== undefined) lines.push(`  the provider lists ${report.listed} model(s)`);
  const confirmed = report.confirmed.map((c) => `${c.model} (${c.format})`);
  lines.push(`  confirmed ${report.confirmed.length} of ${report.selected.length} model(s)${confirmed.length ? `: ${confirmed.join(', ')}` : ''}`);
  for (const f of report.failures) lines.push(`  not confirmed: ${failureLine(f)}`);
  return lines;
}

/** The error for a probe that cannot be saved: exit 1 when nothing answered at all, else exit 2. */
export function probeError(message: string, failures: readonly ProbeFailure[]): RouterError {
  const unreachable = failures.length > 0 && failures.every((f) => f.kind === 'network' || f.kind === 'timeout');
  const details = failures.map(failureLine);
  // The CLI prints details under the message only when there are several; one goes into the message.
  const text = details.length === 1 ? `${message}: ${details[0]}` : message;
  return new RouterError(unreachable ? 'PROBE_UNREACHABLE' : 'PROBE_FAILED', text, { details, path: 'probe' });
}
