/**
 * Which formats an endpoint speaks, and with which auth style: one request per format and
 * auth style with a model no provider has, so it costs no tokens. An answer in the
 * format's own shape ("no such model") means the format is spoken; a 401/403 moves on to
 * the next auth style; anything else (404 page, HTML, wrong shape) means it is not.
 */
import type { Format, Provider } from '../config/schema.js';
import { classifyAnswer, speaksFormat } from './classify.js';
import type { ProbeClient } from './probe-client.js';
import { PROBE_MODEL, authStyles, callUrl, oneTokenBody, probeHeaders } from './requests.js';
import type { AuthStyle, FormatCheck, ProbeListener } from './types.js';

export interface FormatCandidate {
  format: Format;
  /** Base URLs to try, best first. */
  baseUrls: string[];
  /** Auth style to try first (from the config), if any. */
  auth?: AuthStyle;
}

export interface Credentials {
  key: string | undefined;
  headers: Provider['headers'];
}

async function checkOne(client: ProbeClient, candidate: FormatCandidate, baseUrl: string, creds: Credentials): Promise<FormatCheck> {
  let last: FormatCheck = { format: candidate.format, baseUrl, spoken: false };
  for (const auth of authStyles(candidate.format, creds.key !== undefined, candidate.auth)) {
    const answer = await client.send({
      method: 'POST',
      url: callUrl(baseUrl, candidate.format),
      headers: { ...probeHeaders(candidate.format, auth, creds.key, creds.headers), 'content-type': 'application/json' },
      body: oneTokenBody(candidate.format, PROBE_MODEL),
    });
    const outcome = classifyAnswer(candidate.format, answer, creds.key);
    if (speaksFormat(outcome)) return { format: candidate.format, baseUrl, spoken: true, auth };
    last = {
      format: candidate.format,
      baseUrl,
      spoken: false,
      ...(outcome.kind ? { kind: outcome.kind } : {}),
      ...(outcome.detail ? { detail: outcome.detail } : {}),
    };
    if (outcome.kind !== 'auth') break;
  }
  return last;
}

/** One result per candidate format: where and how it is spoken, or the last reason it is not. */
export async function detectFormats(
  client: ProbeClient,
  candidates: readonly FormatCandidate[],
  creds: Credentials,
  onEvent?: ProbeListener,
): Promise<FormatCheck[]> {
  const out: FormatCheck[] = [];
  for (const candidate of candidates) {
    let result: FormatCheck | undefined;
    for (const baseUrl of candidate.baseUrls) {
      const check = await checkOne(client, candidate, baseUrl, creds);
      // When no endpoint speaks it, an auth failure says more than a 404 elsewhere.
      if (!result || check.spoken || (check.kind === 'auth' && result.kind !== 'auth')) result = check;
      if (check.spoken) break;
    }
    if (!result) continue;
    onEvent?.({ type: 'format', ...result });
    out.push(result);
  }
  return out;
}
