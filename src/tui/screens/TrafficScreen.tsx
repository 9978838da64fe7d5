/**
 * Live traffic: requests as the gateway finishes them (a subscription over the control
 * socket, not the log file), per-provider sparklines, today's totals, a filter, and the
 * attempt trail of the selected request. Redraws are coalesced to four a second, so a
 * busy gateway does not flood the terminal.
 */
import { Box, Text, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { RequestRecord } from '../../daemon/protocol.js';
import { useBackKey } from '../hooks/use-back-key.js';
import { useTint } from '../hooks/use-tint.js';
import { useKeyScope } from '../hooks/use-typing.js';
import { FILTERS, activity, applyFilter, emptyTraffic, ingest, sparkline, type TrafficFilter } from '../state/traffic.js';
import { formatUsd } from '../../config/format-usd.js';
import { recordLine, trailLines } from './traffic-format.js';
import type { ScreenProps } from './types.js';

const REDRAW_MS = 250;

export function TrafficScreen({ services, daemon, nav, rows }: ScreenProps) {
  const tint = useTint();
  const scope = useKeyScope();
  const [traffic, setTraffic] = useState(emptyTraffic);
  const records = traffic.records;
  const [filter, setFilter] = useState<TrafficFilter>('all');
  const [provider, setProvider] = useState<string>();
  const [cursor, setCursor] = useState(0);
  const [detail, setDetail] = useState<RequestRecord>();
  const [connected, setConnected] = useState(false);
  const pending = useRef<RequestRecord[]>([]);
  const running = daemon.stats !== undefined;

  useEffect(() => {
    if (!running) return;
    let subscription: { close(): void } | undefined;
    let closed = false;
    void services.daemon
      .subscribeRequests(
        (batch) => pending.current.push(...batch),
        () => setConnected(false),
      )
      .then((s) => {
        if (closed) s?.close();
        else {
          subscription = s;
          setConnected(s !== undefined);
        }
      });
    const timer = setInterval(() => {
      if (pending.current.length === 0) return;
      const batch = pending.current;
      pending.current = [];
      setTraffic((state) => ingest(state, batch, Date.now()));
    }, REDRAW_MS);
    return () => {
      closed = true;
      clearInterval(timer);
      subscription?.close();
    };
  }, [running, services.daemon]);

  useBackKey(() => (detail ? setDetail(undefined) : nav({ type: 'back' })));
  const shown = applyFilter(records, filter, provider).reverse();
  const providers = [...new Set(records.map((r) => r.provider).filter((p): p is string => p !== null))].sort();
  useInput((input, key) => {
    if (scope.typing || scope.helpOpen || detail) return;
    if (key.downArrow || input === 'j') setCursor((c) => Math.min(Math.max(0, shown.length - 1), c + 1));
    else if (key.upArrow || input === 'k') setCursor((c) => Math.max(0, c - 1));
    else if (input === 'f') setFilter((f) => FILTERS[(FILTERS.indexOf(f) + 1) % FILTERS.length]!);
    else if (input === 'p') setProvider((p) => (p === undefined ? providers[0] : providers[providers.indexOf(p) + 1]));
    else if (key.return && shown[cursor]) setDetail(shown[cursor]);
  });

  const today = daemon.stats?.today;
  const header = today
    ? // Cost first after the count: at 80 columns under load the tail of this line is cut off.
      `Today: ${today.requests} requests, ${formatUsd(today.cost)}, ${today.errors} errors, ${today.fallbacks} fallbacks, ${today.inputTokens} in / ${today.outputTokens} out tokens`
    : 'Today: -';
  if (!running) return <Text {...tint('yellow')}>The gateway is not running: start it from Home (s) to see its traffic.</Text>;
  if (detail)
    return (
      <Box flexDirection="column">
        {trailLines(detail).map((line, i) => (
          <Text key={i} wrap="truncate-end">
            {line}
          </Text>
        ))}
        <Text dimColor>Esc back to the list</Text>
      </Box>
    );
  const spark = activity(traffic, Date.now()).slice(0, 4);
  const listRows = Math.max(1, rows - 4 - spark.length);
  const start = Math.max(0, Math.min(cursor - listRows + 1, shown.length - listRows));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">{header}</Text>
      {spark.map((a) => (
        <Text key={a.provider} wrap="truncate-end">
          <Text {...tint('cyan')}>{sparkline(a.counts)}</Text> {a.provider} {a.requests} req{a.errors ? `, ${a.errors} err` : ''}
          {a.p50Ms !== null ? `, p50 ${Math.round(a.p50Ms)} ms` : ''}
        </Text>
      ))}
      <Text dimColor wrap="truncate-end">
        {`${connected ? 'live' : 'connecting…'} · filter ${filter} (f) · provider ${provider ?? 'all'} (p) · ${shown.length} shown · Enter: attempt trail`}
      </Text>
      {shown.length === 0 ? <Text dimColor>No requests yet{filter !== 'all' || provider ? ' that match' : ''}.</Text> : null}
      {shown.slice(start, start + listRows).map((r, i) => (
        <Text key={r.id} wrap="truncate-end" {...(r.status >= 400 ? tint('red') : r.fallback ? tint('yellow') : {})} inverse={start + i === cursor}>
          {recordLine(r)}
        </Text>
      ))}
    </Box>
  );
}
