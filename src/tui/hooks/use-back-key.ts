/** Esc goes back, unless the help panel is open (then Esc only closes it). */
import { useInput } from 'ink';
import { useKeyScope } from './use-typing.js';

export function useBackKey(onBack: () => void, active = true): void {
  const scope = useKeyScope();
  useInput(
    (_input, key) => {
      if (key.escape && !scope.helpOpen) onBack();
    },
    { isActive: active },
  );
}
