/** The home screen's live gateway block: state, endpoint, uptime, last reload, counters. */
import { Box, Text } from 'ink';
import { useTint } from '../hooks/use-tint.js';
import type { DaemonView } from '../hooks/use-daemon-stats.js';
import { endpointOf, formatUptime, reloadLine } from './format.js';

export function GatewayPanel({ daemon, busy }: { daemon: DaemonView; busy: string | undefined }) {
  const tint = useTint();
  const s = daemon.stats;
  const counters = s ? Object.entries(s.counters) : [];
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>Gateway </Text>
        {busy ? (
          <Text {...tint('yellow')}>{busy}…</Text>
        ) : !daemon.checked ? (
          <Text dimColor>checking…</Text>
        ) : s ? (
          <Text>
            <Text {...tint('green')}>● running</Text> pid {s.pid} on {endpointOf(s)}, up {formatUptime(s.uptimeSeconds)}
          </Text>
        ) : (
          <Text {...tint('red')}>○ stopped{daemon.error ? ` (${daemon.error})` : ''}</Text>
        )}
      </Text>
      {s ? (
        <>
          <Text {...(s.lastReload && !s.lastReload.ok ? tint('red') : {})} wrap="truncate-end">
            {'        '}
            {reloadLine(s)}
          </Text>
          <Text wrap="truncate-end">
            {'        '}
            {counters.length ? counters.map(([p, c]) => `${p} ${c.requests} req${c.errors ? `, ${c.errors} err` : ''}`).join(' · ') : 'no requests yet'}
          </Text>
          {s.state?.backend === 'redis' ? (
            <Text {...tint(s.state.connected ? 'green' : 'red')} wrap="truncate-end">
              {'        '}
              {s.state.connected
                ? `state shared on Redis ${s.state.url} (${s.state.namespace})`
                : `Redis unavailable since ${s.state.downSince?.slice(11, 19) ?? '?'} UTC: serving on local state (${s.state.lastError ?? ''})`}
            </Text>
          ) : null}
        </>
      ) : (
        <Text dimColor>{'        '}press s to start it</Text>
      )}
    </Box>
  );
}
