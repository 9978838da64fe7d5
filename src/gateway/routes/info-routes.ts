/** GET /health, the model lists (every enabled provider/model and every alias), GET / (endpoints). */
import type { FastifyInstance } from 'fastify';
import { modelRef } from '../../config/refs.js';
import type { Config } from '../../config/schema.js';
import { isEnabled } from '../../config/validate-config.js';

export function listModels(config: Config): { id: string; owner: string; kind: 'model' | 'alias' }[] {
  const out: { id: string; owner: string; kind: 'model' | 'alias' }[] = [];
  for (const provider of config.providers) {
    if (!isEnabled(provider)) continue;
    for (const model of provider.models) if (isEnabled(model)) out.push({ id: modelRef(provider.id, model.id), owner: provider.id, kind: 'model' });
  }
  for (const id of Object.keys(config.modelAliases ?? {})) out.push({ id, owner: 'llm-router', kind: 'alias' });
  return out;
}

export function registerInfoRoutes(app: FastifyInstance, getConfig: () => Config, startedAtSeconds: number, version: string): void {
  app.get('/health', async () => ({ status: 'ok', version }));
  const openaiList = async () => ({
    object: 'list',
    data: listModels(getConfig()).map((m) => ({ id: m.id, object: 'model', created: startedAtSeconds, owned_by: m.owner })),
  });
  for (const url of ['/v1/models', '/openai/v1/models', '/models', '/openai/models']) app.get(url, openaiList);
  for (const url of ['/anthropic/v1/models', '/anthropic/models']) {
    app.get(url, async () => {
      const data = listModels(getConfig()).map((m) => ({
        type: 'model',
        id: m.id,
        display_name: m.id,
        created_at: new Date(startedAtSeconds * 1000).toISOString(),
      }));
      return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
    });
  }
  app.get('/', async () => ({
    name: 'llm-router',
    version,
    endpoints: {
      anthropic: ['/anthropic/v1/messages', '/v1/messages', '/v1/messages/count_tokens'],
      openai: ['/openai/v1/chat/completions', '/v1/chat/completions', '/openai/v1/responses', '/v1/responses'],
      unified: ['/route', '/v1'],
      models: ['/v1/models', '/openai/v1/models', '/anthropic/v1/models'],
    },
  }));
}
