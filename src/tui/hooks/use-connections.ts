/** Which coding tools point at the gateway now (re-read on demand, e.g. after a change). */
import { useCallback, useEffect, useState } from 'react';
import { detectConnections, type Connection } from '../../connect/detect.js';
import type { PathContext } from '../../connect/tools/types.js';

export function useConnections(paths: PathContext, gatewayUrl: string | undefined): { rows: Connection[] | undefined; refresh: () => void } {
  const [rows, setRows] = useState<Connection[]>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let alive = true;
    void detectConnections(paths, gatewayUrl).then((r) => alive && setRows(r));
    return () => {
      alive = false;
    };
    // paths is rebuilt each render; its fields are what matter
  }, [paths.cwd, paths.env.HOME, gatewayUrl, tick]);
  return { rows, refresh: useCallback(() => setTick((t) => t + 1), []) };
}
