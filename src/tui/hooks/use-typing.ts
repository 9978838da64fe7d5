/**
 * Who gets the keys. While a text field has focus, "q" and "?" are letters, not commands;
 * while the help panel is open, Esc closes it instead of going back. The focused field
 * and the app set these flags; every key handler reads them.
 */
import { createContext, useContext, useEffect } from 'react';

export interface KeyScope {
  typing: boolean;
  helpOpen: boolean;
  /** Lets the app redraw its footer when a text field gains or loses focus. */
  onTypingChange?: (typing: boolean) => void;
}

export const KeyScopeContext = createContext<KeyScope>({ typing: false, helpOpen: false });

export function useKeyScope(): KeyScope {
  return useContext(KeyScopeContext);
}

export function useTypingWhileMounted(active: boolean): void {
  const scope = useKeyScope();
  useEffect(() => {
    scope.typing = active;
    scope.onTypingChange?.(active);
    return () => {
      scope.typing = false;
      scope.onTypingChange?.(false);
    };
  }, [scope, active]);
}
