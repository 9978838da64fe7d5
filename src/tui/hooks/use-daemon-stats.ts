/** Polls the daemon's control channel for live stats while mounted. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DaemonClient } from '../../daemon/daemon-client.js';
import type { StatsReply } from '../../daemon/protocol.js';

export interface DaemonView {
  /** undefined until the first answer. */
  checked: boolean;
  stats: StatsReply | undefined;
  error: string | undefined;
  refresh(): Promise<void>;
}

export function useDaemonStats(daemon: DaemonClient, pollMs: number): DaemonView {
  const [view, setView] = useState<{ checked: boolean; stats: StatsReply | undefined; error: string | undefined }>({
    checked: false,
    stats: undefined,
    error: undefined,
  });
  const alive = useRef(true);
  const last = useRef('');
  const update = (next: { checked: boolean; stats: StatsReply | undefined; error: string | undefined }) => {
    // Redraw only when something changed (uptime ticks once a second, so a live daemon still updates).
    const key = JSON.stringify(next);
    if (!alive.current || key === last.current) return;
    last.current = key;
    setView(next);
  };
  const refresh = useCallback(async () => {
    try {
      update({ checked: true, stats: await daemon.stats(), error: undefined });
    } catch (err) {
      update({ checked: true, stats: undefined, error: (err as Error).message });
    }
  }, [daemon]);
  useEffect(() => {
    alive.current = true;
    void refresh();
    const timer = setInterval(() => void refresh(), pollMs);
    return () => {
      alive.current = false;
      clearInterval(timer);
    };
  }, [refresh, pollMs]);
  return { ...view, refresh };
}
