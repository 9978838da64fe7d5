/**
 * Codex CLI: `~/.codex/config.toml` (or `$CODEX_HOME/config.toml`), project
 * `.codex/config.toml`. A `[model_providers.llm-router]` table speaking Responses, chosen
 * by `model_provider`, with the token read from an environment variable (never the file).
 */
import { join } from 'node:path';
import { homeDir } from '../../config/paths.js';
import { parseToml, editToml } from '../edit/toml-edit.js';
import { KEY_ENV_VAR, PROVIDER_ID, type ToolSpec } from './types.js';

export const codex: ToolSpec = {
  id: 'codex',
  tiers: ['main'],
  configPath(scope, ctx) {
    if (scope === 'project') return join(ctx.cwd, '.codex', 'config.toml');
    return join(ctx.env.CODEX_HOME || join(homeDir(ctx.env), '.codex'), 'config.toml');
  },
  edit(text, ctx, file) {
    return editToml(
      text,
      { model_provider: PROVIDER_ID, model: ctx.models.main },
      ['model_providers', PROVIDER_ID],
      { name: PROVIDER_ID, base_url: `${ctx.gatewayUrl}/openai/v1`, wire_api: 'responses', env_key: ctx.token ? KEY_ENV_VAR : undefined },
      file,
    );
  },
  pointsAt(text) {
    const doc = parseToml(text, 'config.toml');
    const providers = doc.model_providers as Record<string, { base_url?: unknown }> | undefined;
    const url = typeof doc.model_provider === 'string' ? providers?.[doc.model_provider]?.base_url : undefined;
    return typeof url === 'string' ? url.replace(/\/openai\/v1\/?$/, '') : undefined;
  },
  notes(ctx) {
    return ctx.token ? [`Codex reads the gateway key from ${KEY_ENV_VAR}: export ${KEY_ENV_VAR}=<your master key> in the shell that runs codex.`] : [];
  },
};
