/**
 * Claude Code: `~/.claude/settings.json` (or `$CLAUDE_CONFIG_DIR/settings.json`), project
 * `.claude/settings.local.json`. Its `env` block sets the gateway, the token and the
 * model behind each tier (opus, sonnet, haiku; the small fast model follows haiku).
 */
import { join } from 'node:path';
import { homeDir } from '../../config/paths.js';
import { applyJsonEdits, parseJsonc, valueAt } from '../edit/jsonc-edit.js';
import { NO_KEY_PLACEHOLDER, type ToolSpec } from './types.js';

function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const TIER_VARS = {
  opus: ['ANTHROPIC_DEFAULT_OPUS_MODEL'],
  sonnet: ['ANTHROPIC_DEFAULT_SONNET_MODEL'],
  haiku: ['ANTHROPIC_DEFAULT_HAIKU_MODEL', 'ANTHROPIC_SMALL_FAST_MODEL'],
} as const;

export const claudeCode: ToolSpec = {
  id: 'claude-code',
  tiers: ['sonnet', 'opus', 'haiku'],
  configPath(scope, ctx) {
    if (scope === 'project') return join(ctx.cwd, '.claude', 'settings.local.json');
    return join(ctx.env.CLAUDE_CONFIG_DIR || join(homeDir(ctx.env), '.claude'), 'settings.json');
  },
  edit(text, ctx, file) {
    const edits = [
      { path: ['env', 'ANTHROPIC_BASE_URL'], value: `${ctx.gatewayUrl}/anthropic` },
      { path: ['env', 'ANTHROPIC_AUTH_TOKEN'], value: ctx.token ?? NO_KEY_PLACEHOLDER },
      ...Object.entries(TIER_VARS).flatMap(([tier, vars]) => vars.map((v) => ({ path: ['env', v], value: ctx.models[tier] }))),
    ];
    return applyJsonEdits(text, edits, file);
  },
  pointsAt(text) {
    const url = valueAt(parseJsonc(text, 'settings'), ['env', 'ANTHROPIC_BASE_URL']);
    return typeof url === 'string' ? url.replace(/\/anthropic\/?$/, '') : undefined;
  },
  notes(ctx, before) {
    const notes = ctx.token ? [] : ['The gateway has no master key, so ANTHROPIC_AUTH_TOKEN is a placeholder it ignores.'];
    if (before !== undefined && before.trim() !== '' && !isStrictJson(before)) {
      notes.push('This file has comments or trailing commas: Claude Code reads settings as strict JSON and ignores the whole file until they are removed.');
    }
    return notes;
  },
};
