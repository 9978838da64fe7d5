/** The numbered NEXT SUGGESTIONS of `ai-help`: what to do next, most important first. */
import { TOOL_NAMES } from '../../connect/gate/gates.js';
import type { AiHelpReport } from './collect.js';

export function nextSuggestions(r: AiHelpReport): string[] {
  const s = r.state;
  const out: string[] = [];
  if (s.providers === 0) {
    out.push('Add a provider: llm-router config --operation=upsert-provider --name=NAME --base-url=URL --api-key-env=VAR --models=a,b --format=openai|claude');
  }
  if (s.providers > 0 && s.aliases === 0) {
    out.push(
      'Create an alias so tools use one stable name: llm-router config --operation=upsert-model-alias --alias-id=coding --strategy=auto --targets=provider/model',
    );
  }
  if (s.aliases > 0 && !s.aliasStrategies.some((a) => a.endsWith(':auto')))
    out.push('Prefer strategy auto for aliases with several targets (health- and quota-aware).');
  if (s.providers > 0 && s.buckets === 0) {
    out.push(
      'Add a rate-limit bucket so a provider quota is never overrun: llm-router config --operation=set-provider-rate-limits --provider-id=ID --bucket-name=per-minute --bucket-models=all --bucket-requests=60 --bucket-window=minute:1',
    );
  }
  if (!s.masterKey) out.push('Set a master key (clients then need it): llm-router config --operation=set-master-key --generate-master-key=true');
  if (!s.running && s.providers > 0) out.push(`Start the gateway: llm-router start${s.masterKey ? ' --require-auth=true' : ''}`);
  for (const gate of r.gate?.tools ?? []) {
    if (!gate.ready) out.push(`Fix the ${TOOL_NAMES[gate.tool]} gate (${gate.reason}); see what the provider answered: llm-router logs --status=5xx --limit=5`);
  }
  for (const gate of r.gate?.tools ?? []) {
    const connected = r.connections.some((c) => c.tool === gate.tool && c.connected);
    if (gate.ready && !connected) out.push(`Connect ${TOOL_NAMES[gate.tool]}: llm-router setup ${gate.tool} --dry-run, then without --dry-run`);
  }
  if (out.length === 0) out.push('Everything is set up. Watch traffic with llm-router logs --follow, spend with llm-router usage.');
  return out;
}
