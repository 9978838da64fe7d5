/** Formats spoken (with auth style) and the model list: the probe up to the point of confirming models. */
import type { Format } from '../config/schema.js';
import { detectFormats, type Credentials, type FormatCandidate } from './detect-formats.js';
import { listModels } from './list-models.js';
import type { ProbeClient } from './probe-client.js';
import { shortUrl } from './probe-client.js';
import { modelsUrl, probeHeaders } from './requests.js';
import type { DiscoveredModel, FailureKind, FormatCheck, ProbeListener } from './types.js';

export interface EndpointProbe {
  formats: FormatCheck[];
  /** The union of every spoken format's model list; undefined when no list could be read. */
  discovered?: DiscoveredModel[];
  listFailures: { url: string; kind?: FailureKind; detail?: string }[];
}

export function spokenFormats(formats: readonly FormatCheck[]): Format[] {
  return formats.filter((f) => f.spoken).map((f) => f.format);
}

export async function listAll(
  client: ProbeClient,
  spoken: readonly FormatCheck[],
  creds: Credentials,
  onEvent?: ProbeListener,
): Promise<Omit<EndpointProbe, 'formats'>> {
  const listFailures: EndpointProbe['listFailures'] = [];
  const seen = new Map<string, DiscoveredModel>();
  const urls = new Set<string>();
  let listed = false;
  for (const check of spoken) {
    const url = modelsUrl(check.baseUrl, check.format);
    if (urls.has(url)) continue;
    urls.add(url);
    const result = await listModels(client, url, probeHeaders(check.format, check.auth ?? 'none', creds.key, creds.headers), creds.key);
    if (result.ok) {
      listed = true;
      for (const m of result.models) if (!seen.has(m.id)) seen.set(m.id, m);
      onEvent?.({ type: 'models-listed', url: shortUrl(url), count: result.models.length });
    } else {
      const failure = {
        url: shortUrl(url),
        ...(result.outcome.kind ? { kind: result.outcome.kind } : {}),
        ...(result.outcome.detail ? { detail: result.outcome.detail } : {}),
      };
      listFailures.push(failure);
      onEvent?.({ type: 'models-list-failed', ...failure });
    }
  }
  return listed ? { discovered: [...seen.values()], listFailures } : { listFailures };
}

export async function probeEndpoints(
  client: ProbeClient,
  candidates: readonly FormatCandidate[],
  creds: Credentials,
  onEvent?: ProbeListener,
): Promise<EndpointProbe> {
  const formats = await detectFormats(client, candidates, creds, onEvent);
  const spoken = formats.filter((f) => f.spoken);
  if (spoken.length === 0) return { formats, listFailures: [] };
  return { formats, ...(await listAll(client, spoken, creds, onEvent)) };
}
