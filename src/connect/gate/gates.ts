/**
 * Pass/fail per coding tool from the probe results (pure). Claude Code speaks Anthropic
 * Messages (count_tokens is used but optional), Codex speaks OpenAI Responses, OpenCode
 * speaks Chat Completions (or Messages through the Anthropic provider).
 */
import type { ProbeId, ProbeResult } from './probes.js';

export const TOOL_IDS = ['claude-code', 'codex', 'opencode'] as const;
export type ToolId = (typeof TOOL_IDS)[number];

export const TOOL_NAMES: Record<ToolId, string> = { 'claude-code': 'Claude Code', codex: 'Codex CLI', opencode: 'OpenCode' };

export interface ToolGate {
  tool: ToolId;
  ready: boolean;
  /** `ready`, or what blocks it (e.g. `blocked-responses: HTTP 404 ...`). */
  reason: string;
  /** Notes that do not block (an optional endpoint failing). */
  notes: string[];
}

/** Every probe a tool needs, in order; `anyOf` means one of them is enough. */
const NEEDS: Record<ToolId, { all: ProbeId[]; anyOf?: ProbeId[]; optional?: ProbeId[] }> = {
  'claude-code': { all: ['health', 'anthropic-models', 'messages'], optional: ['count-tokens'] },
  codex: { all: ['health', 'openai-models', 'responses'] },
  opencode: { all: ['health', 'openai-models'], anyOf: ['chat', 'messages'] },
};

function describe(p: ProbeResult | undefined, id: ProbeId): string {
  if (!p) return `${id}: not run (no model to test with)`;
  return `${p.method} ${p.path}: ${p.status !== undefined ? `HTTP ${p.status}` : 'no answer'}${p.error ? ` (${p.error})` : ''}`;
}

function blockKind(p: ProbeResult | undefined): string {
  if (!p || p.status === undefined) return 'blocked-unreachable';
  if (p.status === 401 || p.status === 403) return 'blocked-auth';
  if (p.status === 404) return 'blocked-endpoint-missing';
  return 'blocked-upstream';
}

export function gateFor(tool: ToolId, probes: readonly ProbeResult[]): ToolGate {
  const byId = new Map(probes.map((p) => [p.id, p]));
  const need = NEEDS[tool];
  for (const id of need.all) {
    const p = byId.get(id);
    if (!p?.ok) return { tool, ready: false, reason: `${blockKind(p)}: ${describe(p, id)}`, notes: [] };
  }
  if (need.anyOf && !need.anyOf.some((id) => byId.get(id)?.ok)) {
    const first = need.anyOf.map((id) => byId.get(id)).find((p) => p !== undefined);
    return { tool, ready: false, reason: `${blockKind(first)}: ${need.anyOf.map((id) => describe(byId.get(id), id)).join('; ')}`, notes: [] };
  }
  const notes = (need.optional ?? []).filter((id) => !byId.get(id)?.ok).map((id) => `optional ${describe(byId.get(id), id)}`);
  return { tool, ready: true, reason: 'ready', notes };
}

export function gatesFor(probes: readonly ProbeResult[]): ToolGate[] {
  return TOOL_IDS.map((tool) => gateFor(tool, probes));
}

/** True when an anonymous model-list request was refused: the gateway enforces the master key. */
export function authRequired(probes: readonly ProbeResult[]): boolean | undefined {
  const p = probes.find((x) => x.id === 'auth-required');
  if (!p || p.status === undefined) return undefined;
  return p.status === 401 || p.status === 403;
}
