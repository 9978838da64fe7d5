/**
 * The daemon's routing state: the file snapshot by default, or Redis shared with other
 * instances (config `state`, LLM_ROUTER_STATE_URL). A Redis that refuses the credentials
 * stops the start with a clear error; one that is merely unreachable is waited for in the
 * background while the gateway serves on local state.
 */
import type { Config } from '../config/schema.js';
import { openFileState } from '../gateway/node/file-routing-state.js';
import { openRedisState } from '../gateway/redis-state/redis-routing-state.js';
import { stateBackendSettings, type StateBackendSettings } from '../gateway/redis-state/state-settings.js';
import type { CandidateHealth, RoutingState } from '../routing/state/routing-state.js';
import type { StateBackendInfo } from './protocol.js';

export interface DaemonState {
  state: RoutingState & { snapshot(): { health: Record<string, CandidateHealth> } };
  settings: StateBackendSettings;
  info(): StateBackendInfo;
  close(): Promise<void>;
}

type Log = (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;

export async function openDaemonState(config: Config, env: NodeJS.ProcessEnv, statePath: string, log: Log): Promise<DaemonState> {
  const settings = stateBackendSettings(config, env);
  if (settings.backend === 'file') {
    const state = await openFileState({ path: statePath, warn: (m) => log('warn', m) });
    return { state, settings, info: () => ({ backend: 'file', path: statePath }), close: () => state.close() };
  }
  const state = await openRedisState({ ...settings, log });
  return { state, settings, info: () => state.status(), close: () => state.close() };
}
