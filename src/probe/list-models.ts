/**
 * `GET …/models` in every shape we know: OpenAI `{data:[{id}]}`, Anthropic
 * `{data:[{id,display_name}], has_more, last_id}` (paged with `after_id`), bare arrays of
 * ids or objects, and `{models:[{name}]}`.
 */
import { classifyAnswer } from './classify.js';
import type { ProbeClient } from './probe-client.js';
import type { DiscoveredModel, Outcome } from './types.js';

const MAX_PAGES = 50;

function toModel(item: unknown): DiscoveredModel | undefined {
  if (typeof item === 'string') return item.trim() ? { id: item.trim() } : undefined;
  if (!item || typeof item !== 'object') return undefined;
  const o = item as Record<string, unknown>;
  const id = typeof o.id === 'string' ? o.id : typeof o.name === 'string' ? o.name : typeof o.model === 'string' ? o.model : undefined;
  if (!id) return undefined;
  const displayName = typeof o.display_name === 'string' ? o.display_name : undefined;
  return displayName && displayName !== id ? { id, displayName } : { id };
}

export interface ModelPage {
  models: DiscoveredModel[];
  /** The cursor for the next page (Anthropic `last_id` when `has_more`). */
  next?: string;
}

/** One page of a models listing, or undefined when the body is no listing. */
export function parseModelPage(json: unknown): ModelPage | undefined {
  const items = Array.isArray(json)
    ? json
    : json && typeof json === 'object'
      ? ((json as Record<string, unknown>).data ?? (json as Record<string, unknown>).models)
      : undefined;
  if (!Array.isArray(items)) return undefined;
  const models = items.map(toModel).filter((m): m is DiscoveredModel => m !== undefined);
  const o = !Array.isArray(json) && json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  const next = o.has_more === true && typeof o.last_id === 'string' ? o.last_id : undefined;
  return next ? { models, next } : { models };
}

export type ListResult = { ok: true; models: DiscoveredModel[] } | { ok: false; outcome: Outcome };

export async function listModels(client: ProbeClient, url: string, headers: Record<string, string>, secret?: string): Promise<ListResult> {
  const seen = new Map<string, DiscoveredModel>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const pageUrl = new URL(url);
    if (cursor) {
      pageUrl.searchParams.set('after_id', cursor);
      pageUrl.searchParams.set('limit', '1000');
    }
    const answer = await client.send({ method: 'GET', url: pageUrl.toString(), headers });
    if (!answer.reached || answer.status < 200 || answer.status >= 300 || !answer.isJson) {
      // The format check decides success shapes; here any failure is classified as for OpenAI.
      const outcome = classifyAnswer('openai', answer, secret);
      return { ok: false, outcome: outcome.ok ? { ok: false, kind: 'non-json', detail: 'not a model list' } : outcome };
    }
    const parsed = parseModelPage(answer.json);
    if (!parsed) return { ok: false, outcome: { ok: false, kind: 'format-mismatch', status: answer.status, detail: 'the answer is not a model list' } };
    for (const m of parsed.models) if (!seen.has(m.id)) seen.set(m.id, m);
    if (!parsed.next || parsed.next === cursor) break;
    cursor = parsed.next;
  }
  return { ok: true, models: [...seen.values()] };
}
