/** `ai-help` as plain text for an agent (seed §3.3 layout) and as one JSON document. */
import { curlCommands, TOKEN_VAR } from '../../connect/gate/curl.js';
import { TOOL_NAMES } from '../../connect/gate/gates.js';
import { gatewayBaseUrl } from '../../connect/gateway-target.js';
import type { AiHelpReport } from './collect.js';
import { nextSuggestions } from './suggestions.js';

const orNone = (v: unknown) => (v === null || v === undefined || v === '' ? 'none' : String(v));

function stateLines(r: AiHelpReport): string[] {
  const s = r.state;
  return [
    `config_path=${s.configPath}`,
    `config_exists=${s.configExists}`,
    `providers=${s.providers}`,
    `providers_enabled=${s.enabledProviders}`,
    `models=${s.models}`,
    `aliases=${s.aliases}`,
    `alias_strategies=${orNone(s.aliasStrategies.join(','))}`,
    `rate_limit_buckets=${s.buckets}`,
    `default_model=${orNone(s.defaultModel)}`,
    `master_key=${s.masterKey ? 'set' : 'unset'}`,
    `server_running=${s.running}`,
    `server_endpoint=${orNone(s.endpoint)}`,
    `server_pid=${orNone(s.pid)}`,
    `require_auth=${s.requireAuth === null ? 'unknown' : s.requireAuth}`,
    `live_test=${r.skipped ? `skipped (${r.skipped})` : 'ran'}`,
  ];
}

function gateLines(r: AiHelpReport): string[] {
  if (!r.gate) return [`not run: ${r.skipped ?? 'unknown'}`, ...(['claude-code', 'codex', 'opencode'] as const).map((t) => `gate ${t}=unknown`)];
  return [
    `model_under_test=${orNone(r.gate.model)}`,
    ...r.gate.probes.map(
      (p) => `probe ${p.id} ${p.method} ${p.path} -> ${p.status ?? 'no answer'} ${p.ok ? 'ok' : 'FAIL'} (${p.ms} ms)${p.error ? `: ${p.error}` : ''}`,
    ),
    ...r.gate.tools.map((g) => `gate ${g.tool}=${g.ready ? 'ready' : 'blocked'} (${g.reason})${g.notes.length ? `; ${g.notes.join('; ')}` : ''}`),
  ];
}

function playbook(r: AiHelpReport, tool: 'claude-code' | 'codex' | 'opencode', lines: string[]): string[] {
  const connected = r.connections.filter((c) => c.tool === tool && c.exists);
  return [
    `### ${TOOL_NAMES[tool]}`,
    ...lines,
    `preview: llm-router setup ${tool} --dry-run${r.recommended ? ` --model=${r.recommended}` : ''}`,
    `apply:   llm-router setup ${tool} [--scope=project]; refuses when the gate above fails (--force overrides)`,
    `undo:    llm-router setup ${tool} --undo (restores the file byte for byte, or removes it if setup created it)`,
    ...connected.map(
      (c) =>
        `now (${c.scope}): ${c.file} ${c.connected ? 'points at this gateway' : c.pointsAt ? `points at ${c.pointsAt}` : 'exists, not pointed at llm-router'}`,
    ),
  ];
}

export function renderText(r: AiHelpReport, version: string): string[] {
  const base = r.state.endpoint ?? gatewayBaseUrl('127.0.0.1', 8787);
  const token = r.state.masterKey;
  return [
    '# AI-HELP',
    'ENTITY: llm-router (local LLM gateway: OpenAI Chat, OpenAI Responses and Anthropic Messages in, any provider out)',
    'MODE: cli-agent',
    'PROFILE: agent-guide-v2',
    `VERSION: ${version}`,
    '',
    '## CURRENT STATE',
    ...stateLines(r),
    '',
    '## MODEL / ALIAS DECISION',
    `aliases=${orNone(r.choices.aliases.join(','))}`,
    `direct_refs=${orNone(r.choices.refs.slice(0, 30).join(','))}${r.choices.refs.length > 30 ? `,... (${r.choices.refs.length} in all)` : ''}`,
    `recommended=${orNone(r.recommended)}`,
    'Point coding tools at an alias when one exists: its targets can change without touching any tool config. A direct ref is provider/model.',
    '',
    '## PRE-PATCH API GATE',
    ...gateLines(r),
    '',
    '## SAME CHECKS WITH CURL',
    ...(token ? [`export ${TOKEN_VAR}=<the master key>   # never paste it into logs`] : []),
    ...curlCommands(base, r.recommended ?? undefined, token),
    '',
    '## CLI WORKFLOWS',
    'status:    llm-router status --json',
    'list:      llm-router config --operation=list --json (secrets masked)',
    'provider:  llm-router config --operation=upsert-provider --help',
    'alias:     llm-router config --operation=upsert-model-alias --alias-id=ID --strategy=auto --targets=ref@weight,...',
    'start:     llm-router start [--port=8787]; stop: llm-router stop; reload: llm-router reload',
    'traffic:   llm-router logs --since=15m --json; llm-router usage --by=model',
    '',
    '## PATCH PLAYBOOKS',
    ...playbook(r, 'claude-code', [
      'file: ~/.claude/settings.json (project: .claude/settings.local.json)',
      `sets env.ANTHROPIC_BASE_URL=${base}/anthropic, ANTHROPIC_AUTH_TOKEN (the master key), ANTHROPIC_DEFAULT_OPUS_MODEL, ANTHROPIC_DEFAULT_SONNET_MODEL, ANTHROPIC_DEFAULT_HAIKU_MODEL, ANTHROPIC_SMALL_FAST_MODEL`,
      'tiers: --model=REF for all, or --opus-model= --sonnet-model= --haiku-model=',
    ]),
    ...playbook(r, 'codex', [
      'file: ~/.codex/config.toml (project: .codex/config.toml)',
      `sets model_provider="llm-router", model, [model_providers.llm-router] base_url="${base}/openai/v1", wire_api="responses"${token ? `, env_key="${TOKEN_VAR}"` : ''}`,
    ]),
    ...playbook(r, 'opencode', [
      'file: ~/.config/opencode/opencode.json (project: ./opencode.json)',
      `sets provider["llm-router"] (@ai-sdk/openai-compatible, options.baseURL=${base}/openai/v1${token ? `, apiKey={env:${TOKEN_VAR}}` : ''}), model, small_model`,
    ]),
    '',
    '## NEXT SUGGESTIONS',
    ...nextSuggestions(r).map((s, i) => `${i + 1}. ${s}`),
  ];
}

export function renderJson(r: AiHelpReport, version: string): Record<string, unknown> {
  const base = r.state.endpoint ?? gatewayBaseUrl('127.0.0.1', 8787);
  return {
    ok: true,
    profile: 'agent-guide-v2',
    version,
    state: r.state,
    models: { ...r.choices, recommended: r.recommended },
    gate: r.gate ? { ran: true, model: r.gate.model, probes: r.gate.probes, tools: r.gate.tools } : { ran: false, skipped: r.skipped },
    curl: curlCommands(base, r.recommended ?? undefined, r.state.masterKey),
    connections: r.connections,
    nextSuggestions: nextSuggestions(r),
  };
}
