/**
 * The TUI's preferences on disk with conf (~/.config/llm-router/tui.json); memory if that
 * fails. No conf `schema`: conf would compile it with ajv on every launch (~75 ms before
 * the first frame for one boolean), so values are checked here as they are read instead.
 */
import Conf from 'conf';
import { memoryPrefs, type PrefValues, type Prefs } from './services.js';

const CHECKS: { [K in keyof PrefValues]: (value: unknown) => value is PrefValues[K] } = {
  seenHelp: (value): value is boolean => typeof value === 'boolean',
};

export function openPrefs(): Prefs {
  try {
    const conf = new Conf<Partial<PrefValues>>({ projectName: 'llm-router', projectSuffix: '', configName: 'tui' });
    return {
      get: (key) => {
        const value: unknown = conf.get(key);
        // A hand-edited or foreign value reads as unset rather than breaking the UI.
        return CHECKS[key](value) ? value : undefined;
      },
      set: (key, value) => {
        try {
          conf.set(key, value);
        } catch {
          // A read-only config dir only costs the preference, never the session.
        }
      },
    };
  } catch {
    return memoryPrefs();
  }
}
