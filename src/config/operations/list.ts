import { z } from 'zod';
import { summarizeConfig, summarizeRouting } from '../summarize.js';
import { formatTargets } from './parse-targets.js';
import { defineOperation, type OperationOutcome } from './types.js';

function weightText(t: { ref: string; weight: number }): string {
  return t.weight === 1 ? t.ref : `${t.ref}@${t.weight}`;
}

export const list = defineOperation({
  name: 'list',
  aliases: ['show', 'summary'],
  summary: 'Show providers, models, buckets and aliases (secrets masked)',
  mutates: false,
  flags: [],
  input: z.object({}),
  run(config, _input, ctx): OperationOutcome {
    const data = summarizeConfig(config, ctx.configPath, ctx.configExists);
    const lines = [`Config: ${ctx.configPath}${ctx.configExists ? ` (version ${config.version})` : ' (not created yet)'}`];
    lines.push(`Default model: ${data.defaultModel ?? '(none)'}`, `Master key: ${data.masterKey ?? '(none: the gateway does not ask clients for a key)'}`);
    lines.push('', `Providers (${data.providers.length}):`);
    if (data.providers.length === 0)
      lines.push(
        '  (none) add one: llm-router config --operation=upsert-provider --name=... --base-url=... --api-key=... --models=... --format=openai|claude|responses',
      );
    for (const p of data.providers) {
      const urls = [p.baseUrl, ...Object.entries(p.baseUrlByFormat ?? {}).map(([f, u]) => `${f}=${String(u)}`)].filter(Boolean).join(' ');
      const key = p.apiKey ? `key ${p.apiKey}` : p.apiKeyEnv ? `key from $${p.apiKeyEnv}` : 'no key';
      lines.push(`  ${p.id}${p.name !== p.id ? ` "${p.name}"` : ''}${p.enabled ? '' : ' (disabled)'} [${p.formats.join(', ')}] ${urls} ${key}`);
      for (const m of p.models) {
        const extra = [m.enabled ? '' : 'disabled', m.fallbackModels.length ? `fallbacks: ${m.fallbackModels.join(' -> ')}` : ''].filter(Boolean).join('; ');
        lines.push(`    - ${m.id}${extra ? ` (${extra})` : ''}`);
      }
      for (const b of p.rateLimits)
        lines.push(`    bucket ${b.id}: ${b.requests} requests per ${b.window} on ${b.models.includes('all') ? 'all models' : b.models.join(', ')}`);
    }
    if (data.state) {
      const where = data.state.url ? ` ${data.state.url}` : '';
      lines.push(
        '',
        `Routing state: ${data.state.backend ?? (data.state.url ? 'redis' : 'file')}${where}${data.state.namespace ? ` namespace ${data.state.namespace}` : ''}`,
      );
    }
    lines.push('', `Aliases (${data.aliases.length}):`);
    for (const a of data.aliases) {
      lines.push(`  ${a.id} (${a.strategy}): ${a.targets.map(weightText).join(', ')}`);
      if (a.fallbackTargets.length) lines.push(`    fallback tier: ${a.fallbackTargets.map(weightText).join(', ')}`);
    }
    return { data, lines };
  },
});

export const listRouting = defineOperation({
  name: 'list-routing',
  aliases: [],
  summary: 'Show how each model name routes: aliases, strategies, tiers, fallbacks, buckets',
  mutates: false,
  flags: [],
  input: z.object({}),
  run(config): OperationOutcome {
    const data = summarizeRouting(config);
    const lines = [`Default model (used when a request names none): ${data.defaultModel ?? '(none)'}`, '', 'Aliases:'];
    if (data.aliases.length === 0) lines.push('  (none)');
    for (const a of data.aliases) {
      lines.push(`  ${a.id}  strategy=${a.strategy}`, `    targets: ${formatTargets(a.targets)}`);
      if (a.fallbackTargets.length) lines.push(`    fallback tier: ${formatTargets(a.fallbackTargets)}`);
    }
    lines.push('', 'Direct routes:');
    if (data.routes.length === 0) lines.push('  (none)');
    for (const r of data.routes) {
      const chain = r.fallbackModels.length ? ` -> ${r.fallbackModels.join(' -> ')}` : '';
      const caps = r.buckets.length ? `  [${r.buckets.map((b) => `${b.id}: ${b.description}`).join('; ')}]` : '';
      lines.push(`  ${r.ref}${r.enabled ? '' : ' (disabled)'}${chain}${caps}`);
    }
    return { data, lines };
  },
});
