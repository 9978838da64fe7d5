/** GET /health, the model lists (every enabled provider/model and every alias), GET / (endpoints). */
import { modelRef } from '../../config/refs.js';
import type { Config } from '../../config/schema.js';
import { isEnabled } from '../../config/validate-config.js';
import { ENDPOINTS, type Route } from './routes.js';

export function listModels(config: Config): { id: string; owner: string; kind: 'model' | 'alias' }[] {
  const out: { id: string; owner: string; kind: 'model' | 'alias' }[] = [];
  for (const provider of config.providers) {
    if (!isEnabled(provider)) continue;
    for (const model of provider.models) if (isEnabled(model)) out.push({ id: modelRef(provider.id, model.id), owner: provider.id, kind: 'model' });
  }
  for (const id of Object.keys(config.modelAliases ?? {})) out.push({ id, owner: 'llm-router', kind: 'alias' });
  return out;
}

export interface InfoSource {
  config: Config;
  version: string;
  /** Unix seconds the gateway started (the model lists' `created`). */
  startedAt: number;
  /** Which runtime answers: `node` (the local gateway) or `worker` (Cloudflare). */
  runtime: string;
  /** Extra /health fields from the adapter (the Worker's state backend, …). */
  health?: Record<string, unknown>;
}

export function infoBody(kind: Exclude<Route['kind'], 'model' | 'count-tokens' | 'metrics'>, src: InfoSource): unknown {
  if (kind === 'health')
    return src.runtime === 'node' && !src.health
      ? { status: 'ok', version: src.version }
      : { status: 'ok', version: src.version, runtime: src.runtime, ...src.health };
  if (kind === 'index') return { name: 'llm-router', version: src.version, endpoints: ENDPOINTS };
  const models = listModels(src.config);
  if (kind === 'models-openai') return { object: 'list', data: models.map((m) => ({ id: m.id, object: 'model', created: src.startedAt, owned_by: m.owner })) };
  const created = new Date(src.startedAt * 1000).toISOString();
  const data = models.map((m) => ({ type: 'model', id: m.id, display_name: m.id, created_at: created }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
}
