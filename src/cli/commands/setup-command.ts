/**
 * `llm-router setup <claude-code|codex|opencode>`: point a coding tool at the running
 * gateway (surgical edit, backup, `--dry-run` diff, `--undo`), refusing a gateway that is
 * down or fails the tool's live gate unless `--force`.
 */
import { RouterError } from '../../errors/router-error.js';
import { parseBoolean, stringFlag, type RawFlags } from '../../config/operations/flags-to-input.js';
import { resolveConfigPath } from '../../config/paths.js';
import { readConfig } from '../../config/store.js';
import type { Config } from '../../config/schema.js';
import { createDaemonClient } from '../../daemon/daemon-client.js';
import { TOOL_NAMES } from '../../connect/gate/gates.js';
import { gateFor } from '../../connect/gate/gates.js';
import { runGate, type GateReport } from '../../connect/gate/run-gate.js';
import { gatewayBaseUrl, gatewayToken } from '../../connect/gateway-target.js';
import { checkModelRef, defaultModel } from '../../connect/models.js';
import { applySetup, planSetup, undoSetup } from '../../connect/setup.js';
import { findTool } from '../../connect/tools/registry.js';
import { SCOPES, type Scope, type ToolSpec } from '../../connect/tools/types.js';
import { colorsFor, writeLines, type Io } from '../io.js';
import { rejectUnknownFlags } from './start-options.js';

export const SETUP_FLAGS = ['model', 'opus-model', 'sonnet-model', 'haiku-model', 'small-model', 'scope', 'dry-run', 'undo', 'force', 'gateway-auth-token'];
/** Which per-tier flags each tool takes (its tiers other than the main one). */
const TIER_FLAGS: Record<string, string[]> = { 'claude-code': ['opus', 'sonnet', 'haiku'], codex: [], opencode: ['small'] };

const bool = (flags: RawFlags, name: string) => (flags[name] === undefined ? false : parseBoolean(flags[name], name));

function parseScope(flags: RawFlags): Scope {
  const scope = stringFlag(flags, 'scope') ?? 'user';
  if (!(SCOPES as readonly string[]).includes(scope)) throw new RouterError('USAGE', `--scope must be user or project, got ${JSON.stringify(scope)}`);
  return scope as Scope;
}

/** The model per tier: `--<tier>-model`, else `--model`, else the default model. */
export function chooseModels(tool: ToolSpec, config: Config, flags: RawFlags): Record<string, string> {
  for (const tier of ['opus', 'sonnet', 'haiku', 'small']) {
    if (flags[`${tier}-model`] !== undefined && !TIER_FLAGS[tool.id]?.includes(tier)) {
      throw new RouterError(
        'USAGE',
        `--${tier}-model is not a ${TOOL_NAMES[tool.id]} tier; it takes ${['--model', ...(TIER_FLAGS[tool.id] ?? []).map((t) => `--${t}-model`)].join(', ')}`,
      );
    }
  }
  const all = stringFlag(flags, 'model');
  const fallback = all ?? defaultModel(config);
  const models: Record<string, string> = {};
  for (const tier of tool.tiers) {
    const flag = flags[`${tier}-model`] !== undefined ? `${tier}-model` : 'model';
    const ref = stringFlag(flags, `${tier}-model`) ?? fallback;
    if (ref === undefined)
      throw new RouterError(
        'INVALID_INPUT',
        'no model to point the tool at: the config has no provider model or alias yet (llm-router config --operation=upsert-provider --help)',
      );
    models[tier] = checkModelRef(config, ref, flag);
  }
  return models;
}

function refuse(gate: GateReport, tool: ToolSpec): string | undefined {
  if (!gate.gateway) return 'the gateway is not running (start it with: llm-router start)';
  const verdict = gateFor(tool.id, gate.probes);
  return verdict.ready ? undefined : `the gateway at ${gate.gateway.baseUrl} fails the ${TOOL_NAMES[tool.id]} gate: ${verdict.reason}`;
}

export async function runSetupCommand(flags: RawFlags, positionals: readonly string[], io: Io): Promise<number> {
  rejectUnknownFlags(flags, SETUP_FLAGS, 'setup');
  if (positionals.length > 1) throw new RouterError('USAGE', `setup takes one tool, got ${positionals.join(' ')}`);
  const tool = findTool(positionals[0]);
  const scope = parseScope(flags);
  const [dryRun, undo, force] = [bool(flags, 'dry-run'), bool(flags, 'undo'), bool(flags, 'force')];
  const paths = { env: io.env, cwd: process.cwd() };
  const json = flags.json === true;
  const c = colorsFor(io.stdout, io.env, flags);
  if (undo) {
    const r = await undoSetup(tool, scope, paths, force);
    if (json) io.stdout.write(`${JSON.stringify({ ok: true, tool: tool.id, scope, file: r.file, action: r.action }, null, 2)}\n`);
    else
      writeLines(io.stdout, [
        c.green(r.action === 'restored' ? `Restored ${r.file} as it was before setup (${r.entry.at}).` : `Removed ${r.file} (it did not exist before setup).`),
      ]);
    return 0;
  }
  const { config } = await readConfig(resolveConfigPath(stringFlag(flags, 'config'), io.env));
  const models = chooseModels(tool, config, flags);
  const token = gatewayToken(config, stringFlag(flags, 'gateway-auth-token'));
  const daemon = createDaemonClient({ env: io.env, cliPath: process.argv[1] ?? '', configPath: '' });
  const gate = await runGate({ daemon, config, model: models[tool.tiers[0] ?? 'main'], token });
  const problem = refuse(gate, tool);
  if (problem && !force && !dryRun)
    throw new RouterError('GATE_FAILED', `not pointing ${TOOL_NAMES[tool.id]} at the gateway: ${problem}; nothing was written (--force writes it anyway)`);
  const gatewayUrl = gate.gateway?.baseUrl ?? gatewayBaseUrl('127.0.0.1', 8787);
  const chatOk = gate.probes.find((p) => p.id === 'chat')?.ok;
  const messagesOk = gate.probes.find((p) => p.id === 'messages')?.ok;
  const api = chatOk === false && messagesOk === true ? 'messages' : 'chat';
  const plan = await planSetup(tool, scope, paths, { gatewayUrl, token, models, api });
  const warnings = problem ? [`${dryRun ? 'setup would refuse' : 'forced'}: ${problem}`] : [];
  const entry = dryRun ? undefined : await applySetup(plan, io.env);
  const action = dryRun ? 'dry-run' : plan.changed ? 'written' : 'unchanged';
  if (json) {
    const doc = {
      ok: true,
      tool: tool.id,
      scope,
      file: plan.file,
      action,
      gateway: gatewayUrl,
      models,
      gate: problem ?? 'ready',
      diff: plan.diff,
      notes: plan.notes,
      warnings,
    };
    io.stdout.write(`${JSON.stringify(entry ? { ...doc, backup: entry.backup, originalExisted: entry.existed } : doc, null, 2)}\n`);
  } else {
    const head = dryRun
      ? plan.changed
        ? `Would edit ${plan.file} (dry run: nothing written):`
        : `${plan.file} already points ${TOOL_NAMES[tool.id]} at ${gatewayUrl}; nothing to change.`
      : plan.changed
        ? `${TOOL_NAMES[tool.id]} now uses the gateway at ${gatewayUrl} (${plan.file}).`
        : `${plan.file} already points ${TOOL_NAMES[tool.id]} at ${gatewayUrl}; not rewritten.`;
    writeLines(io.stdout, [dryRun ? c.bold(head) : c.green(head), ...(dryRun ? plan.diff : [])]);
    writeLines(io.stdout, [
      ...Object.entries(models).map(([tier, ref]) => `  ${tier}: ${ref}`),
      ...plan.notes.map((n) => c.dim(n)),
      ...(!dryRun && plan.changed ? [c.dim(`Undo with: llm-router setup ${tool.id}${scope === 'project' ? ' --scope=project' : ''} --undo`)] : []),
    ]);
  }
  const e = colorsFor(io.stderr, io.env, flags);
  writeLines(
    io.stderr,
    warnings.map((w) => `${e.yellow('warning:')} ${w}`),
  );
  return 0;
}
