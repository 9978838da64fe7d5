/** The TUI's preferences on disk with conf (~/.config/llm-router/tui.json); memory if that fails. */
import Conf from 'conf';
import { memoryPrefs, type PrefValues, type Prefs } from './services.js';

export function openPrefs(): Prefs {
  try {
    const conf = new Conf<Partial<PrefValues>>({ projectName: 'llm-router', projectSuffix: '', configName: 'tui', schema: { seenHelp: { type: 'boolean' } } });
    return {
      get: (key) => conf.get(key),
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
