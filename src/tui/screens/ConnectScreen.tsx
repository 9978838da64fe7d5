/**
 * Connect a coding tool: which tools point at the gateway now, then tool → scope → a
 * model per tier → the diff and the live gate → apply (or undo a connection). The same
 * planning, gate and backups as `llm-router setup`.
 */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { TOOL_IDS, TOOL_NAMES, gateFor, type ToolId } from '../../connect/gate/gates.js';
import { runGate } from '../../connect/gate/run-gate.js';
import { gatewayBaseUrl } from '../../connect/gateway-target.js';
import { defaultModel, modelChoices } from '../../connect/models.js';
import { applySetup, planSetup, undoSetup, type SetupPlan } from '../../connect/setup.js';
import { TOOLS } from '../../connect/tools/registry.js';
import type { Scope } from '../../connect/tools/types.js';
import { isRouterError } from '../../errors/router-error.js';
import { Menu } from '../components/Menu.js';
import { Notice } from '../components/Notice.js';
import { useBackKey } from '../hooks/use-back-key.js';
import { useConnections } from '../hooks/use-connections.js';
import { useTint } from '../hooks/use-tint.js';
import type { ScreenProps } from './types.js';

type Step =
  | { at: 'overview' }
  | { at: 'scope'; tool: ToolId }
  | { at: 'model'; tool: ToolId; scope: Scope; models: Record<string, string> }
  | { at: 'preview'; plan: SetupPlan; blocked?: string };
type Note = { kind: 'error' | 'success' | 'info'; lines: string[] };

export function ConnectScreen({ config, services, daemon, nav, rows }: ScreenProps) {
  const [step, setStep] = useState<Step>({ at: 'overview' });
  const [note, setNote] = useState<Note>();
  const [busy, setBusy] = useState<string>();
  const tint = useTint();
  const paths = { env: services.env, cwd: services.cwd ?? process.cwd() };
  const gatewayUrl = daemon.stats ? gatewayBaseUrl(daemon.stats.host, daemon.stats.port) : undefined;
  const connections = useConnections(paths, gatewayUrl);
  useBackKey(() => (step.at === 'overview' ? nav({ type: 'back' }) : setStep({ at: 'overview' })), busy === undefined);
  const fail = (err: unknown) => setNote({ kind: 'error', lines: [isRouterError(err) ? err.message : String(err)] });

  const preview = async (tool: ToolId, scope: Scope, models: Record<string, string>) => {
    setBusy('Checking the gateway…');
    try {
      const spec = TOOLS[tool];
      const gate = await runGate({ daemon: services.daemon, config, model: models[spec.tiers[0] ?? 'main'] });
      const verdict = gate.gateway ? gateFor(tool, gate.probes) : undefined;
      const api = gate.probes.find((p) => p.id === 'chat')?.ok === false && gate.probes.find((p) => p.id === 'messages')?.ok ? 'messages' : 'chat';
      const url = gate.gateway?.baseUrl ?? gatewayBaseUrl('127.0.0.1', 8787);
      const plan = await planSetup(spec, scope, paths, { gatewayUrl: url, token: config.masterKey, models, api });
      const blocked = !gate.gateway ? 'the gateway is not running (press Esc, then s on Home to start it)' : verdict?.ready ? undefined : verdict?.reason;
      setStep(blocked ? { at: 'preview', plan, blocked } : { at: 'preview', plan });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(undefined);
    }
  };

  const apply = async (plan: SetupPlan) => {
    setBusy('Writing…');
    try {
      await applySetup(plan, services.env);
      setNote({
        kind: 'success',
        lines: [
          plan.changed ? `${TOOL_NAMES[plan.tool.id]} now uses the gateway (${plan.file}).` : `${plan.file} already pointed at the gateway.`,
          ...plan.notes,
        ],
      });
      setStep({ at: 'overview' });
      connections.refresh();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(undefined);
    }
  };

  const undo = async (tool: ToolId, scope: Scope) => {
    setBusy('Restoring…');
    try {
      const r = await undoSetup(TOOLS[tool], scope, paths, false);
      setNote({ kind: 'success', lines: [r.action === 'restored' ? `Restored ${r.file} as it was before.` : `Removed ${r.file} (setup had created it).`] });
      connections.refresh();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(undefined);
    }
  };

  if (busy) return <Text>{busy}</Text>;
  const header = note ? <Notice kind={note.kind} lines={note.lines} /> : null;

  if (step.at === 'scope') {
    const spec = TOOLS[step.tool];
    return (
      <Box flexDirection="column">
        <Text bold>Connect {TOOL_NAMES[step.tool]}: where?</Text>
        <Menu
          items={(['user', 'project'] as const).map((scope) => ({
            label: `${scope === 'user' ? 'For me' : 'This project'}: ${spec.configPath(scope, paths)}`,
            value: scope,
          }))}
          onSelect={(scope) => setStep({ at: 'model', tool: step.tool, scope, models: {} })}
        />
      </Box>
    );
  }
  if (step.at === 'model') {
    const spec = TOOLS[step.tool];
    const tier = spec.tiers.find((t) => step.models[t] === undefined) ?? '';
    const choices = modelChoices(config);
    const first = defaultModel(config);
    const items = [...choices.aliases.map((a) => ({ label: `${a} (alias)`, value: a })), ...choices.refs.map((r) => ({ label: r, value: r }))];
    if (items.length === 0) return <Notice kind="error" lines={['No models yet: add a provider first (Esc goes back).']} />;
    return (
      <Box flexDirection="column">
        <Text bold>
          Model for {TOOL_NAMES[step.tool]} {spec.tiers.length > 1 ? `tier "${tier}"` : ''}
        </Text>
        <Menu
          key={tier}
          items={items}
          limit={Math.max(3, rows - 4)}
          {...(first ? { initialValue: step.models[spec.tiers[0] ?? ''] ?? first } : {})}
          onSelect={(ref) => {
            const models = { ...step.models, [tier]: ref };
            if (spec.tiers.every((t) => models[t] !== undefined)) void preview(step.tool, step.scope, models);
            else setStep({ ...step, models });
          }}
        />
      </Box>
    );
  }
  if (step.at === 'preview') {
    const { plan, blocked } = step;
    const diff = plan.diff.length ? plan.diff : ['(no change: the file already says this)'];
    return (
      <Box flexDirection="column">
        {header}
        <Text bold>{plan.file}</Text>
        {diff.slice(0, Math.max(3, rows - 8)).map((line, i) => (
          <Text key={i} {...(line.startsWith('+') ? tint('green') : line.startsWith('-') ? tint('red') : {})}>
            {line}
          </Text>
        ))}
        {diff.length > rows - 8 ? (
          <Text dimColor>
            … {diff.length - (rows - 8)} more lines (llm-router setup {plan.tool.id} --dry-run shows them all)
          </Text>
        ) : null}
        <Notice
          kind={blocked ? 'error' : 'success'}
          lines={[blocked ? `Gate failed: ${blocked}` : `Gate passed: the gateway answers ${TOOL_NAMES[plan.tool.id]}'s API.`]}
        />
        <Menu
          items={[
            { label: blocked ? 'Apply anyway' : 'Apply', value: 'apply' },
            { label: 'Back', value: 'back' },
          ]}
          onSelect={(v) => (v === 'apply' ? void apply(plan) : setStep({ at: 'overview' }))}
        />
      </Box>
    );
  }
  const list = connections.rows ?? [];
  const connectedTools = TOOL_IDS.filter((t) => list.some((c) => c.tool === t && c.connected));
  return (
    <Box flexDirection="column">
      {header}
      <Text>{gatewayUrl ? `Gateway: ${gatewayUrl}` : 'The gateway is not running: tools can be connected, but the live check will fail.'}</Text>
      {connections.rows === undefined ? <Text dimColor>Reading tool configs…</Text> : null}
      {list
        .filter((c) => c.exists)
        .map((c) => (
          <Text key={c.file}>
            {c.connected ? '● connected' : '○'} {TOOL_NAMES[c.tool]} ({c.scope}) {c.file}
            {c.connected ? '' : c.pointsAt ? ` → ${c.pointsAt}` : c.error ? ` (unreadable: ${c.error})` : ''}
          </Text>
        ))}
      {connections.rows && !list.some((c) => c.exists) ? <Text dimColor>No coding tool is configured yet.</Text> : null}
      <Box marginTop={1}>
        <Menu
          items={[
            ...TOOL_IDS.map((t) => ({ label: `Connect ${TOOL_NAMES[t]}${connectedTools.includes(t) ? ' (connected)' : ''}`, value: `connect:${t}` })),
            ...list.filter((c) => c.connected).map((c) => ({ label: `Undo ${TOOL_NAMES[c.tool]} (${c.scope})`, value: `undo:${c.tool}:${c.scope}` })),
            { label: 'Back', value: 'back' },
          ]}
          onSelect={(v) => {
            setNote(undefined);
            const [what, tool, scope] = v.split(':') as [string, ToolId, Scope];
            if (what === 'connect') setStep({ at: 'scope', tool });
            else if (what === 'undo') void undo(tool, scope);
            else nav({ type: 'back' });
          }}
        />
      </Box>
    </Box>
  );
}
