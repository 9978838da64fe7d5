/** The config as the store reads it (never written by reading); `refresh` after every save. */
import { useCallback, useEffect, useState } from 'react';
import { isRouterError } from '../../errors/router-error.js';
import { readConfig } from '../../config/store.js';
import type { Config } from '../../config/schema.js';

export interface ConfigView {
  config: Config | undefined;
  exists: boolean;
  /** Why the file could not be read or is invalid (the TUI then shows it and edits nothing). */
  error: string | undefined;
  refresh(): Promise<void>;
}

export function useConfig(path: string): ConfigView {
  const [state, setState] = useState<{ config: Config | undefined; exists: boolean; error: string | undefined }>({
    config: undefined,
    exists: false,
    error: undefined,
  });
  const refresh = useCallback(async () => {
    try {
      const snapshot = await readConfig(path);
      setState({ config: snapshot.config, exists: snapshot.exists, error: undefined });
    } catch (err) {
      setState((prev) => ({ ...prev, error: isRouterError(err) ? err.message : String(err) }));
    }
  }, [path]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { ...state, refresh };
}
