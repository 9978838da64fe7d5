/** The live half of `discover-models`: reads the provider's model list with its saved endpoints and key. */
import { requireProvider } from '../config/operations/config-edits.js';
import type { Config, Format } from '../config/schema.js';
import { providerFormats } from '../config/validate-config.js';
import { RouterError } from '../errors/router-error.js';
import type { Clock } from './pacer.js';
import { createProbeClient } from './probe-client.js';
import { listAll } from './probe-endpoints.js';
import { probeError } from './probe-report.js';
import { DEFAULT_PROBE_RPM, DEFAULT_PROBE_TIMEOUT_MS } from './prepare-upsert.js';
import type { AuthStyle, FormatCheck, ProbeListener } from './types.js';

export interface DiscoverInput {
  providerId: string;
  probeTimeoutMs?: number;
}

export async function prepareDiscoverModels(
  config: Config,
  input: DiscoverInput,
  options: { env: NodeJS.ProcessEnv; onEvent?: ProbeListener; clock?: Clock },
): Promise<Record<string, unknown>> {
  const provider = requireProvider(config, input.providerId);
  const key = provider.apiKey ?? (provider.apiKeyEnv ? options.env[provider.apiKeyEnv] : undefined);
  if (provider.apiKeyEnv && !key) {
    throw new RouterError('INVALID_INPUT', `$${provider.apiKeyEnv} is not set here, so the provider cannot be asked for its models`, { path: 'provider-id' });
  }
  const auth = (f: Format): AuthStyle => {
    const type = (provider.authByFormat?.[f] ?? provider.auth)?.type;
    return type === 'bearer' || type === 'x-api-key' || type === 'none' ? type : f === 'claude' ? 'x-api-key' : 'bearer';
  };
  const checks: FormatCheck[] = providerFormats(provider).flatMap((format) => {
    const baseUrl = provider.baseUrlByFormat?.[format] ?? provider.baseUrl;
    return baseUrl ? [{ format, baseUrl, spoken: true, auth: key ? auth(format) : 'none' }] : [];
  });
  const client = createProbeClient({
    rpm: DEFAULT_PROBE_RPM,
    timeoutMs: input.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const result = await listAll(client, checks, { key, headers: provider.headers }, options.onEvent);
  if (!result.discovered) {
    throw probeError(
      `could not read the model list of "${provider.id}"`,
      result.listFailures.map((f) => ({ what: `GET ${f.url}`, ...(f.kind ? { kind: f.kind } : {}), ...(f.detail ? { detail: f.detail } : {}) })),
    );
  }
  return { ...input, listed: result.discovered };
}
