/**
 * Confirms each model with a real 1-token request, trying the spoken formats in order
 * (a model name hint first: claude-* on Anthropic Messages, gpt-* / o<N> on OpenAI Chat),
 * and keeps the first format that works. A listing alone never confirms a model.
 */
import type { Format } from '../config/schema.js';
import { classifyAnswer } from './classify.js';
import type { ProbeClient } from './probe-client.js';
import { callUrl, oneTokenBody, probeHeaders } from './requests.js';
import type { Credentials } from './detect-formats.js';
import type { FailureKind, FormatCheck, ModelCheck, Outcome, ProbeListener } from './types.js';

/** Which failure best explains a model that did not confirm, most telling first. */
const PRIORITY: FailureKind[] = [
  'rate-limited',
  'auth',
  'model-unsupported',
  'bad-request',
  'timeout',
  'network',
  'upstream-error',
  'non-json',
  'format-mismatch',
];

export function orderFormats(model: string, spoken: readonly Format[]): Format[] {
  const hint: Format | undefined = /claude/i.test(model) ? 'claude' : /^(gpt|o\d|chatgpt|codex)/i.test(model.split('/').pop() ?? '') ? 'openai' : undefined;
  return hint && spoken.includes(hint) ? [hint, ...spoken.filter((f) => f !== hint)] : [...spoken];
}

async function tryFormat(client: ProbeClient, check: FormatCheck, model: string, creds: Credentials): Promise<Outcome> {
  const send = (completionTokens: boolean) =>
    client.send({
      method: 'POST',
      url: callUrl(check.baseUrl, check.format),
      headers: { ...probeHeaders(check.format, check.auth ?? 'none', creds.key, creds.headers), 'content-type': 'application/json' },
      body: oneTokenBody(check.format, model, completionTokens),
    });
  const outcome = classifyAnswer(check.format, await send(false), creds.key);
  // Newer OpenAI models refuse max_tokens and ask for max_completion_tokens.
  if (check.format === 'openai' && outcome.kind === 'bad-request' && /max_completion_tokens/.test(outcome.detail ?? '')) {
    return classifyAnswer(check.format, await send(true), creds.key);
  }
  return outcome;
}

export async function confirmModel(client: ProbeClient, model: string, formats: readonly FormatCheck[], creds: Credentials): Promise<ModelCheck> {
  const attempts: ModelCheck['attempts'] = [];
  const byFormat = new Map(formats.filter((f) => f.spoken).map((f) => [f.format, f]));
  for (const format of orderFormats(model, [...byFormat.keys()])) {
    const check = byFormat.get(format);
    if (!check) continue;
    const outcome = await tryFormat(client, check, model, creds);
    attempts.push({ format, ok: outcome.ok, ...(outcome.kind ? { kind: outcome.kind } : {}), ...(outcome.detail ? { detail: outcome.detail } : {}) });
    if (outcome.ok) return { model, confirmed: true, format, attempts };
    // The provider asked us to slow down and the retry budget is spent: other formats share the limit.
    if (outcome.kind === 'rate-limited') break;
  }
  const worst = [...attempts].sort((a, b) => PRIORITY.indexOf(a.kind ?? 'format-mismatch') - PRIORITY.indexOf(b.kind ?? 'format-mismatch'))[0];
  if (!worst) return { model, confirmed: false, kind: 'format-mismatch', detail: 'no format the provider speaks to try', attempts };
  return {
    model,
    confirmed: false,
    ...(worst.kind ? { kind: worst.kind } : {}),
    ...(worst.detail ? { detail: `${worst.format}: ${worst.detail}` } : {}),
    attempts,
  };
}

export async function confirmModels(
  client: ProbeClient,
  models: readonly string[],
  formats: readonly FormatCheck[],
  creds: Credentials,
  onEvent?: ProbeListener,
): Promise<ModelCheck[]> {
  const out: ModelCheck[] = [];
  for (const [i, model] of models.entries()) {
    const result = await confirmModel(client, model, formats, creds);
    onEvent?.({
      type: 'model',
      index: i + 1,
      total: models.length,
      model,
      confirmed: result.confirmed,
      ...(result.format ? { format: result.format } : {}),
      ...(result.kind ? { kind: result.kind } : {}),
      ...(result.detail ? { detail: result.detail } : {}),
    });
    out.push(result);
  }
  return out;
}
