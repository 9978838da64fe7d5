/**
 * The live half of `upsert-provider`: probes the provider and turns what answered into the
 * operation's input (formats spoken, auth style per format, confirmed models with their
 * working format). The operation itself stays pure; the store still does the write.
 * Nothing is probed with --skip-probe, or when an update changes no endpoint, key,
 * model or format (a rename, headers, enabled). Bad input fails before any request.
 */
import { RouterError } from '../errors/router-error.js';
import { expandPreset } from '../config/presets.js';
import { previewOperation } from '../config/operations/preview.js';
import { upsertProvider } from '../config/operations/upsert-provider.js';
import type { Config, Format, Provider } from '../config/schema.js';
import { slugify } from '../config/slug.js';
import { confirmModels } from './confirm-models.js';
import type { Credentials } from './detect-formats.js';
import type { Clock } from './pacer.js';
import { planCandidates, type CandidateInput } from './plan-candidates.js';
import { createProbeClient, type ProbeClient } from './probe-client.js';
import { probeEndpoints, spokenFormats, type EndpointProbe } from './probe-endpoints.js';
import { formatFailures, probeError, type ProbeFailure, type ProbeReport } from './probe-report.js';
import { resolveModelSelection } from './resolve-selection.js';
import type { ProbeListener } from './types.js';

export const DEFAULT_PROBE_RPM = 30;
export const DEFAULT_PROBE_TIMEOUT_MS = 15_000;

export interface UpsertProbeInput extends CandidateInput {
  providerId?: string;
  name?: string;
  preset?: string;
  apiKey?: string;
  apiKeyEnv?: string;
  models?: string[];
  headers?: Record<string, string>;
  skipProbe?: boolean;
  probeRpm?: number;
  probeTimeoutMs?: number;
  acceptPartial?: boolean;
}

export interface PrepareOptions {
  env: NodeJS.ProcessEnv;
  onEvent?: ProbeListener;
  clock?: Clock;
}

export interface Prepared {
  input: Record<string, unknown>;
  /** Absent when nothing was probed. */
  report?: ProbeReport;
}

const PROBE_RELEVANT = [
  'preset',
  'baseUrl',
  'endpoints',
  'openaiBaseUrl',
  'claudeBaseUrl',
  'responsesBaseUrl',
  'apiKey',
  'apiKeyEnv',
  'models',
  'format',
  'formats',
] as const;

export function needsProbe(input: UpsertProbeInput, existing: Provider | undefined): boolean {
  if (input.skipProbe) return false;
  return !existing || PROBE_RELEVANT.some((k) => input[k] !== undefined);
}

/** Fails on bad input before any request is sent, as the save would. */
function preflight(config: Config, input: UpsertProbeInput, existing: Provider | undefined): void {
  const trial: Record<string, unknown> = { ...input, skipProbe: true };
  const patterns = input.models?.some((m) => m === 'all' || /[*?]/.test(m));
  if (!existing && (!input.models || patterns)) trial.models = ['llm-router-probe-placeholder'];
  else if (patterns) delete trial.models;
  if ((input.endpoints?.length ?? 0) > 1) {
    delete trial.endpoints;
    trial.baseUrl ??= input.endpoints?.[0];
  }
  const problems = previewOperation(upsertProvider, config, trial);
  if (problems.length > 0) throw new RouterError('INVALID_INPUT', problems[0] ?? 'invalid input', { details: problems });
}

function probeKey(input: UpsertProbeInput, existing: Provider | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (input.apiKey) return input.apiKey;
  const envName = input.apiKeyEnv ?? (input.apiKey === undefined ? existing?.apiKeyEnv : undefined);
  if (envName) {
    const value = env[envName];
    if (!value)
      throw new RouterError('INVALID_INPUT', `$${envName} is not set here, so the probe has no key: set it, or pass --skip-probe=true`, {
        path: 'api-key-env',
      });
    return value;
  }
  return existing?.apiKey;
}

function defaultAuth(format: Format): 'bearer' | 'x-api-key' {
  return format === 'claude' ? 'x-api-key' : 'bearer';
}

/** A probe under way: endpoints checked and models listed, models not confirmed yet (the TUI shows the list in between). */
export interface ProbeSession {
  id: string;
  existing: Provider | undefined;
  given: UpsertProbeInput;
  input: UpsertProbeInput;
  client: ProbeClient;
  creds: Credentials;
  endpoints: EndpointProbe;
  expected: Format[];
  onEvent?: ProbeListener;
}

/** Checks formats and auth and lists the models; undefined when nothing needs probing. */
export async function startProbe(config: Config, given: UpsertProbeInput, options: PrepareOptions): Promise<ProbeSession | undefined> {
  const input = expandPreset(given);
  const id = input.providerId ?? (input.name ? slugify(input.name) : '');
  const existing = config.providers.find((p) => p.id === id);
  if (!id || !needsProbe(given, existing)) return undefined;
  preflight(config, given, existing);
  const key = probeKey(input, existing, options.env);
  const { candidates, expected } = planCandidates(input, existing, given);
  if (candidates.length === 0) throw new RouterError('INVALID_INPUT', `nothing to probe: provider "${id}" has no endpoint`, { path: 'base-url' });
  const client = createProbeClient({
    rpm: input.probeRpm ?? DEFAULT_PROBE_RPM,
    timeoutMs: input.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const creds = { key, headers: input.headers ?? existing?.headers };
  options.onEvent?.({ type: 'start', providerId: id, formats: candidates.map((c) => c.format) });
  const endpoints = await probeEndpoints(client, candidates, creds, options.onEvent);
  if (spokenFormats(endpoints.formats).length === 0) {
    const failures = formatFailures(
      endpoints.formats,
      endpoints.formats.map((f) => f.format),
    );
    throw probeError(`probe of "${id}" found no format it speaks; nothing saved`, failures);
  }
  return { id, existing, given, input, client, creds, endpoints, expected, ...(options.onEvent ? { onEvent: options.onEvent } : {}) };
}

export interface Finished extends Prepared {
  report: ProbeReport;
}

/**
 * Confirms the chosen models (`--models`, or the saved / listed ones) and builds the input
 * to save. Throws when nothing confirmed, or when something failed and `acceptPartial`
 * is false; with it, the caller decides (the TUI asks) by reading `report.failures`.
 */
export async function finishProbe(session: ProbeSession, models: readonly string[] | undefined, acceptPartial: boolean): Promise<Finished> {
  const { id, client, creds, endpoints, onEvent } = session;
  const selection = resolveModelSelection(models, session.existing, endpoints);
  onEvent?.({ type: 'selected', count: selection.models.length, models: selection.models });
  const checks = await confirmModels(client, selection.models, endpoints.formats, creds, onEvent);
  const confirmed = checks.flatMap((c) => (c.confirmed && c.format ? [{ model: c.model, format: c.format }] : []));
  const failures: ProbeFailure[] = [
    ...formatFailures(endpoints.formats, session.expected),
    ...selection.unmatched.map((p) => ({ what: `--models pattern ${p}`, kind: 'model-unsupported' as const, detail: 'matches no model the provider lists' })),
    ...checks
      .filter((c) => !c.confirmed)
      .map((c) => ({ what: `model ${c.model}`, ...(c.kind ? { kind: c.kind } : {}), ...(c.detail ? { detail: c.detail } : {}) })),
  ];
  onEvent?.({ type: 'done', ok: failures.length === 0, confirmed: confirmed.length, failed: failures.length, formats: spokenFormats(endpoints.formats) });
  const report: ProbeReport = {
    formats: endpoints.formats,
    ...(endpoints.discovered ? { listed: endpoints.discovered.length } : {}),
    listFailures: endpoints.listFailures,
    selected: selection.models,
    models: checks,
    confirmed,
    failures,
    requests: client.sent,
  };
  if (confirmed.length === 0) throw probeError(`probe of "${id}" confirmed none of the ${selection.models.length} model(s); nothing saved`, failures);
  if (failures.length > 0 && !acceptPartial) {
    throw probeError(
      `probe of "${id}" partly failed (${confirmed.length} of ${selection.models.length} model(s) confirmed); nothing saved. ` +
        'Pass --accept-partial=true to save the confirmed part, or --skip-probe=true to save as given',
      failures,
    );
  }
  return { input: probedInput(session.given, session.input, id, endpoints.formats, confirmed, creds.key !== undefined), report };
}

export async function prepareUpsertProvider(config: Config, given: UpsertProbeInput, options: PrepareOptions): Promise<Prepared> {
  const session = await startProbe(config, given, options);
  if (!session) return { input: { ...given } };
  return finishProbe(session, given.models, given.acceptPartial === true);
}

function probedInput(
  given: UpsertProbeInput,
  input: UpsertProbeInput,
  id: string,
  formats: ProbeReport['formats'],
  confirmed: ProbeReport['confirmed'],
  hasKey: boolean,
): Record<string, unknown> {
  const { preset: _preset, endpoints: _endpoints, openaiBaseUrl: _o, claudeBaseUrl: _c, responsesBaseUrl: _r, ...rest } = given;
  const out: Record<string, unknown> = { ...rest, providerId: id, probed: true };
  if (input.name !== undefined) out.name = input.name;
  const spoken = formats.filter((f) => f.spoken);
  const urls = new Set(spoken.map((f) => f.baseUrl));
  const shared = urls.size === 1 ? [...urls][0] : undefined;
  if (shared) out.baseUrl = shared;
  else for (const f of spoken) out[`${f.format}BaseUrl`] = f.baseUrl;
  const names = spoken.map((f) => f.format);
  out.formats = names;
  out.format = input.format && names.includes(input.format) ? input.format : names[0];
  out.models = confirmed.map((c) => c.model);
  out.modelFormats = Object.fromEntries(confirmed.map((c) => [c.model, [c.format]]));
  if (hasKey) {
    const auth = Object.fromEntries(spoken.filter((f) => f.auth && f.auth !== defaultAuth(f.format)).map((f) => [f.format, { type: f.auth }]));
    if (Object.keys(auth).length > 0) out.authByFormat = auth;
  }
  return out;
}
