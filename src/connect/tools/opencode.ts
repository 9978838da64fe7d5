/**
 * OpenCode: `~/.config/opencode/opencode.json` (XDG_CONFIG_HOME honoured; an existing
 * `opencode.jsonc` is edited instead), project `opencode.json`. A `provider.llm-router`
 * block on @ai-sdk/openai-compatible (Chat) or @ai-sdk/anthropic (Messages), the models
 * it offers, and `model` / `small_model`. The key stays an `{env:...}` reference.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { homeDir } from '../../config/paths.js';
import { applyJsonEdits, parseJsonc, valueAt } from '../edit/jsonc-edit.js';
import { KEY_ENV_VAR, NO_KEY_PLACEHOLDER, PROVIDER_ID, type ToolSpec } from './types.js';

const preferJsonc = (dir: string) =>
  existsSync(join(dir, 'opencode.jsonc')) && !existsSync(join(dir, 'opencode.json')) ? join(dir, 'opencode.jsonc') : join(dir, 'opencode.json');

export const opencode: ToolSpec = {
  id: 'opencode',
  tiers: ['main', 'small'],
  configPath(scope, ctx) {
    if (scope === 'project') return preferJsonc(ctx.cwd);
    return preferJsonc(join(ctx.env.XDG_CONFIG_HOME || join(homeDir(ctx.env), '.config'), 'opencode'));
  },
  edit(text, ctx, file) {
    const messages = ctx.api === 'messages';
    const refs = [...new Set(Object.values(ctx.models))];
    const provider = {
      npm: messages ? '@ai-sdk/anthropic' : '@ai-sdk/openai-compatible',
      name: 'llm-router',
      options: { baseURL: `${ctx.gatewayUrl}${messages ? '/anthropic/v1' : '/openai/v1'}`, apiKey: ctx.token ? `{env:${KEY_ENV_VAR}}` : NO_KEY_PLACEHOLDER },
      models: Object.fromEntries(refs.map((ref) => [ref, { name: ref }])),
    };
    const isNew = text === undefined || text.trim() === '';
    return applyJsonEdits(
      text,
      [
        ...(isNew ? [{ path: ['$schema'], value: 'https://opencode.ai/config.json' }] : []),
        { path: ['provider', PROVIDER_ID], value: provider },
        { path: ['model'], value: `${PROVIDER_ID}/${ctx.models.main}` },
        { path: ['small_model'], value: `${PROVIDER_ID}/${ctx.models.small ?? ctx.models.main}` },
      ],
      file,
    );
  },
  pointsAt(text) {
    const url = valueAt(parseJsonc(text, 'opencode.json'), ['provider', PROVIDER_ID, 'options', 'baseURL']);
    return typeof url === 'string' ? url.replace(/\/(openai|anthropic)\/v1\/?$/, '') : undefined;
  },
  notes(ctx) {
    return ctx.token ? [`OpenCode reads the gateway key from ${KEY_ENV_VAR}: export ${KEY_ENV_VAR}=<your master key> before starting it.`] : [];
  },
};
