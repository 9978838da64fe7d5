/**
 * The state every list screen shares: which mode it is in (the list, or working on one
 * item), the result of the last action, and Esc (back to the list, or out of the screen;
 * the form mode handles Esc itself).
 */
import { useState } from 'react';
import type { NavAction } from '../state/navigation.js';
import { useBackKey } from './use-back-key.js';

export interface ScreenNotice {
  kind: 'error' | 'success';
  lines: string[];
}

export function useListScreen<M extends { kind: string }>(nav: (action: NavAction) => void, formKind: M['kind']) {
  const list = { kind: 'list' } as M;
  const [mode, setMode] = useState<M>(list);
  const [notice, setNotice] = useState<ScreenNotice>();
  useBackKey(() => (mode.kind === 'list' ? nav({ type: 'back' }) : setMode(list)), mode.kind !== formKind);
  return {
    mode,
    setMode,
    notice,
    toList: () => setMode(list),
    /** Shows an action's result and returns to the list. */
    done: (kind: ScreenNotice['kind'], lines: string[]) => {
      setNotice({ kind, lines });
      setMode(list);
    },
  };
}
