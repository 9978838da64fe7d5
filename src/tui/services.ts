/** What the TUI talks to: the config file (through the operations layer), the daemon, and its own preferences. */
import type { DaemonClient } from '../daemon/daemon-client.js';
import type { DeployApi } from '../deploy/types.js';

/** The TUI's own settings (not the gateway's config), kept with conf in the user's config dir. */
export interface PrefValues {
  /** The key help opens by itself on the first launch only. */
  seenHelp: boolean;
}

export interface Prefs {
  get<K extends keyof PrefValues>(key: K): PrefValues[K] | undefined;
  set<K extends keyof PrefValues>(key: K, value: PrefValues[K]): void;
}

export interface TuiServices {
  configPath: string;
  env: NodeJS.ProcessEnv;
  daemon: DaemonClient;
  prefs: Prefs;
  /** How often the app asks the daemon for live stats. */
  pollMs: number;
  color: boolean;
  /** The project directory for project-scope tool configs (default: the working directory). */
  cwd?: string;
  randomBytes?: (size: number) => Uint8Array;
  /** Requests per minute of the provider probe (default 30, as in the CLI). */
  probeRpm?: number;
  /** The hosted deploy (the CLI's `deploy` / `worker-key` code), loaded when the Deploy screen opens; tests pass fakes. */
  deployApi?: () => Promise<DeployApi>;
}

export function memoryPrefs(initial: Partial<PrefValues> = {}): Prefs {
  const values: Partial<PrefValues> = { ...initial };
  return {
    get: (key) => values[key],
    set: (key, value) => {
      values[key] = value;
    },
  };
}
