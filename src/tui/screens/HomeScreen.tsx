/** Home: the gateway's live state with start/stop/reload, the routing summary, and the menu. */
import { Box, useInput } from 'ink';
import { useState } from 'react';
import { formatUsd } from '../../config/format-usd.js';
import { Menu } from '../components/Menu.js';
import { Notice } from '../components/Notice.js';
import { useKeyScope } from '../hooks/use-typing.js';
import type { ScreenId } from '../state/navigation.js';
import { endpointOf } from './format.js';
import { GatewayPanel } from './GatewayPanel.js';
import { RoutingPanel } from './RoutingPanel.js';
import type { ScreenProps } from './types.js';

type Choice = ScreenId | 'start' | 'stop' | 'reload' | 'quit';

export function HomeScreen({ config, services, daemon, nav, rows, onQuit }: ScreenProps & { onQuit: () => void }) {
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; lines: string[] }>();
  const scope = useKeyScope();
  const running = daemon.stats !== undefined;

  const act = async (what: 'start' | 'stop' | 'reload') => {
    if (busy) return;
    setNotice(undefined);
    setBusy({ start: 'starting', stop: 'stopping', reload: 'reloading' }[what]);
    try {
      if (what === 'start') {
        const d = await services.daemon.start();
        setNotice({
          kind: 'success',
          lines: [d.alreadyRunning ? `Already running (pid ${d.pid}) on ${endpointOf(d)}` : `Started (pid ${d.pid}) on ${endpointOf(d)}`],
        });
      } else if (what === 'stop') {
        const pid = await services.daemon.stop();
        setNotice({ kind: 'success', lines: [pid === undefined ? 'The gateway was not running.' : `Stopped (pid ${pid}).`] });
      } else {
        const r = await services.daemon.reload();
        if (!r) setNotice({ kind: 'error', lines: ['The gateway is not running; press s to start it.'] });
        else
          setNotice(
            r.ok
              ? { kind: 'success', lines: [`Config reloaded at ${r.at.slice(11, 19)} UTC.`] }
              : { kind: 'error', lines: [`Config refused; the previous one keeps serving: ${r.error ?? ''}`] },
          );
      }
    } catch (err) {
      setNotice({ kind: 'error', lines: [(err as Error).message] });
    } finally {
      setBusy(undefined);
      await daemon.refresh();
    }
  };

  useInput((input) => {
    if (scope.typing || scope.helpOpen) return;
    if (input === 's') void act('start');
    else if (input === 'x') void act('stop');
    else if (input === 'r') void act('reload');
  });

  const aliasCount = Object.keys(config.modelAliases ?? {}).length;
  const bucketCount = config.providers.reduce((n, p) => n + (p.rateLimits?.length ?? 0), 0);
  const pricedCount = config.providers.reduce((n, p) => n + p.models.filter((m) => m.pricing !== undefined).length, 0);
  const items: { label: string; value: Choice }[] = [
    ...(running ? [{ label: `Traffic (live requests${todayText(daemon.stats?.today)})`, value: 'traffic' as const }] : []),
    { label: `Providers (${config.providers.length})`, value: 'providers' },
    { label: 'Model fallbacks', value: 'fallbacks' },
    { label: `Aliases and strategies (${aliasCount})`, value: 'aliases' },
    { label: `Rate-limit buckets (${bucketCount})`, value: 'buckets' },
    { label: `Model pricing (${pricedCount} priced)`, value: 'pricing' },
    { label: `Master key (${config.masterKey ? 'set' : 'not set'})`, value: 'master-key' },
    { label: 'Deploy to Cloudflare Workers (hosted gateway, key rotation)', value: 'deploy' },
    { label: 'Connect a coding tool (Claude Code, Codex, OpenCode)', value: 'connect' },
    running ? { label: 'Stop the gateway (x)', value: 'stop' } : { label: 'Start the gateway (s)', value: 'start' },
    ...(running ? [{ label: 'Reload the config now (r)', value: 'reload' as const }] : []),
    { label: 'Quit (q)', value: 'quit' },
  ];
  const menuRows = items.length;
  const routingRows = Math.max(1, rows - menuRows - 7 - (notice ? notice.lines.length : 0));

  return (
    <Box flexDirection="column">
      <GatewayPanel daemon={daemon} busy={busy} />
      {notice ? <Notice kind={notice.kind} lines={notice.lines} /> : null}
      <Box marginTop={1}>
        <RoutingPanel config={config} buckets={daemon.stats?.buckets} maxLines={routingRows} />
      </Box>
      <Box marginTop={1}>
        <Menu
          items={items}
          onSelect={(v) => {
            if (v === 'quit') onQuit();
            else if (v === 'start' || v === 'stop' || v === 'reload') void act(v);
            else nav({ type: 'push', route: { screen: v } });
          }}
        />
      </Box>
    </Box>
  );
}

function todayText(today: { requests: number; cost: number } | undefined): string {
  if (!today || today.requests === 0) return '';
  return `; today ${today.requests} requests${today.cost > 0 ? `, ${formatUsd(today.cost)}` : ''}`;
}
