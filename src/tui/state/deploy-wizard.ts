/**
 * The deploy wizard (and "Rotate Worker key") as a pure state machine: token → account →
 * target (workers.dev, or a host on a zone) → master key → state backend → review (a dry
 * run) → deploy with per-step progress → result. The screen runs the DeployApi calls a
 * step needs and feeds their answers back as actions; Esc is `backDeployWizard`.
 */
import type {
  CloudflareAccount,
  CloudflareZone,
  DeployEvent,
  DeployRequest,
  DeployResult,
  DeployStepId,
  RotateKeyRequest,
  RotateKeyResult,
  StateBackend,
  TokenCheck,
} from '../../deploy/types.js';
import { hostInZone, hostOnZone, normaliseHost, suggestZone } from './deploy-target.js';

export type DeployFlow = 'deploy' | 'rotate';
export type TokenSource = 'CLOUDFLARE_API_TOKEN' | 'CF_API_TOKEN' | 'typed';
export type KeySource = 'local' | 'generated' | 'typed';

export type WizardStep =
  | 'token'
  | 'checking-token'
  | 'token-exhausted'
  | 'account'
  | 'target'
  | 'host'
  | 'loading-zones'
  | 'zone'
  | 'mismatch'
  | 'key'
  | 'key-type'
  | 'key-shown'
  | 'key-weak'
  | 'backend'
  | 'preparing'
  | 'review'
  | 'running'
  | 'result';

/** Steps that only wait for an answer: never returned to with Esc. */
const TRANSIENT: ReadonlySet<WizardStep> = new Set(['checking-token', 'loading-zones', 'preparing', 'running']);

/** A bad token may be retried this many times in all (as the seed's prompt). */
export const TOKEN_ATTEMPTS = 3;

export const DEPLOY_STEPS: readonly DeployStepId[] = ['verify-token', 'resolve-target', 'check-key', 'seal-config', 'write-project', 'upload', 'verify-health'];

export interface StepProgress {
  step: DeployStepId;
  status: 'pending' | 'running' | 'ok' | 'fail' | 'skip';
  detail?: string;
}

export interface DeployWizardState {
  flow: DeployFlow;
  step: WizardStep;
  history: WizardStep[];
  token?: { value: string; source: TokenSource };
  /** Failed token checks so far. */
  attempts: number;
  /** What went wrong on the current step (shown there). */
  problem?: string;
  accounts: CloudflareAccount[];
  account?: CloudflareAccount;
  target?: 'workers-dev' | 'route';
  host?: string;
  zones: CloudflareZone[];
  zone?: CloudflareZone;
  key?: { value: string; source: KeySource; problems: string[] };
  allowWeak: boolean;
  stateBackend: StateBackend;
  /** The dry run's answer, shown on the review page. */
  preview?: DeployResult;
  progress: StepProgress[];
  cancelling: boolean;
  deployResult?: DeployResult;
  rotateResult?: RotateKeyResult;
  /** The deploy or rotation threw instead of answering. */
  failure?: string;
}

export type DeployWizardAction =
  | { type: 'token-entered'; token: string; source: TokenSource }
  | { type: 'token-checked'; check: TokenCheck }
  | { type: 'account-chosen'; accountId: string }
  | { type: 'target-chosen'; target: 'workers-dev' | 'route' }
  | { type: 'host-entered'; host: string }
  | { type: 'zones-loaded'; zones: CloudflareZone[] }
  | { type: 'zones-failed'; message: string }
  | { type: 'zone-chosen'; zoneId: string }
  | { type: 'mismatch-fix'; fix: 'use-zone' | 'use-host' | 'retype-host' | 'pick-zone' }
  | { type: 'type-key' }
  | { type: 'key-chosen'; key: string; source: KeySource; problems: string[] }
  | { type: 'key-copied' }
  | { type: 'weak-accepted' }
  | { type: 'backend-chosen'; backend: StateBackend }
  | { type: 'preview-ready'; result: DeployResult }
  | { type: 'preview-failed'; message: string }
  | { type: 'start' }
  | { type: 'event'; event: DeployEvent }
  | { type: 'cancel' }
  | { type: 'deployed'; result: DeployResult }
  | { type: 'rotated'; result: RotateKeyResult }
  | { type: 'failed'; message: string }
  | { type: 'back' };

/** The token the environment supplies, as the CLI reads it (CLOUDFLARE_API_TOKEN first). */
export function envToken(env: Readonly<Record<string, string | undefined>>): { value: string; source: TokenSource } | undefined {
  for (const name of ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'] as const) {
    const value = env[name]?.trim();
    if (value) return { value, source: name };
  }
  return undefined;
}

export function initialDeployWizard(flow: DeployFlow, token?: { value: string; source: TokenSource }): DeployWizardState {
  const base = {
    flow,
    history: [],
    attempts: 0,
    accounts: [],
    zones: [],
    allowWeak: false,
    stateBackend: 'durable-object' as const,
    progress: [],
    cancelling: false,
  };
  return token ? { ...base, step: 'checking-token', token } : { ...base, step: 'token' };
}

/** A copy without some optional fields (exactOptionalPropertyTypes: clearing is deleting). */
function without(state: DeployWizardState, ...keys: (keyof DeployWizardState)[]): DeployWizardState {
  const copy: Partial<DeployWizardState> = { ...state };
  for (const key of keys) delete copy[key];
  return copy as DeployWizardState;
}

/** Moves to `step`, remembering the current one for Esc unless it only waited for an answer. */
function go(state: DeployWizardState, step: WizardStep, patch: Partial<DeployWizardState> = {}): DeployWizardState {
  const history = TRANSIENT.has(state.step) ? state.history : [...state.history, state.step];
  return { ...without(state, 'problem'), ...patch, step, history };
}

/** Back to the step a waiting step came from, with what went wrong there. */
function returnTo(state: DeployWizardState, step: WizardStep, problem: string, patch: Partial<DeployWizardState> = {}): DeployWizardState {
  const history = state.history[state.history.length - 1] === step ? state.history.slice(0, -1) : state.history;
  return { ...state, ...patch, step, history, problem };
}

/** Where the wizard goes once the master key is settled. */
function afterKey(state: DeployWizardState, patch: Partial<DeployWizardState>): DeployWizardState {
  return go(state, state.flow === 'deploy' ? 'backend' : 'review', patch);
}

function afterAccount(state: DeployWizardState, patch: Partial<DeployWizardState>): DeployWizardState {
  return go(state, state.flow === 'deploy' ? 'target' : 'key', patch);
}

export function reduceDeployWizard(state: DeployWizardState, action: DeployWizardAction): DeployWizardState {
  switch (action.type) {
    case 'token-entered': {
      const value = action.token.trim();
      if (value === '') return { ...state, problem: 'Paste a Cloudflare API token (it needs Workers Scripts: Edit and Account: Read).' };
      return go(state, 'checking-token', { token: { value, source: action.source } });
    }
    case 'token-checked': {
      const { check } = action;
      const problem = !check.ok
        ? (check.problem ?? `Cloudflare says the token is ${check.status ?? 'not valid'}.`)
        : check.accounts.length === 0
          ? 'The token works but can use no account: give it Account permissions (Workers Scripts: Edit).'
          : undefined;
      if (problem) {
        const attempts = state.attempts + 1;
        const from = state.token && state.token.source !== 'typed' ? `${state.token.source} was refused: ` : '';
        return returnTo(state, attempts >= TOKEN_ATTEMPTS ? 'token-exhausted' : 'token', from + problem, { attempts });
      }
      const accounts = check.accounts;
      const only = accounts.length === 1 ? accounts[0] : undefined;
      if (only) return afterAccount({ ...state, accounts }, { account: only });
      return go({ ...state, accounts }, 'account');
    }
    case 'account-chosen': {
      const account = state.accounts.find((a) => a.id === action.accountId);
      return account ? afterAccount(state, { account }) : state;
    }
    case 'target-chosen':
      return action.target === 'workers-dev' ? go(state, 'key', { target: 'workers-dev' }) : go(state, 'host', { target: 'route' });
    case 'host-entered': {
      const host = normaliseHost(action.host);
      if (typeof host !== 'string') return { ...state, problem: host.problem };
      return go(state, 'loading-zones', { host });
    }
    case 'zones-loaded':
      return go(state, 'zone', { zones: action.zones });
    case 'zones-failed':
      return returnTo(state, 'host', `Could not list the zones: ${action.message}`);
    case 'zone-chosen': {
      const zone = state.zones.find((z) => z.id === action.zoneId);
      if (!zone || !state.host) return state;
      return hostInZone(state.host, zone.name) ? go(state, 'key', { zone }) : go(state, 'mismatch', { zone });
    }
    case 'mismatch-fix':
      return fixMismatch(state, action.fix);
    case 'type-key':
      return go(state, 'key-type');
    case 'key-chosen': {
      if (action.key === '') return { ...state, problem: 'Type a key (or press Esc to choose another way).' };
      const key = { value: action.key, source: action.source, problems: action.problems };
      if (action.source === 'generated') return go(state, 'key-shown', { key, allowWeak: false });
      return key.problems.length > 0 ? go(state, 'key-weak', { key, allowWeak: false }) : afterKey(state, { key, allowWeak: false });
    }
    case 'key-copied':
      return state.key && state.key.problems.length > 0 ? go(state, 'key-weak') : afterKey(state, {});
    case 'weak-accepted':
      return afterKey(state, { allowWeak: true });
    case 'backend-chosen':
      return go(state, 'preparing', { stateBackend: action.backend });
    case 'preview-ready':
      return go(state, 'review', { preview: action.result });
    case 'preview-failed':
      return { ...go(without(state, 'preview'), 'review'), problem: action.message };
    case 'start': {
      const progress: StepProgress[] = state.flow === 'deploy' ? DEPLOY_STEPS.map((step) => ({ step, status: 'pending' })) : [];
      return go(without(state, 'deployResult', 'rotateResult', 'failure'), 'running', { progress, cancelling: false });
    }
    case 'event':
      return { ...state, progress: applyEvent(state.progress, action.event) };
    case 'cancel':
      return state.step === 'running' ? { ...state, cancelling: true } : state;
    case 'deployed':
      return go(state, 'result', { deployResult: action.result });
    case 'rotated':
      return go(state, 'result', { rotateResult: action.result });
    case 'failed':
      return go(state, 'result', { failure: action.message });
    case 'back':
      return backDeployWizard(state) ?? state;
  }
}

function fixMismatch(state: DeployWizardState, fix: 'use-zone' | 'use-host' | 'retype-host' | 'pick-zone'): DeployWizardState {
  // Fixes replace the mismatch page: Esc from the next step returns to the zone list, not to the warning.
  const back = { ...state, step: 'zone' as const, history: state.history.slice(0, -1) };
  if (fix === 'pick-zone') return without(back, 'zone');
  if (fix === 'retype-host') return { ...without(state, 'zone'), step: 'host', history: state.history.filter((s) => s !== 'host' && s !== 'zone') };
  if (!state.host || !state.zone) return state;
  if (fix === 'use-zone') {
    const zone = suggestZone(state.host, state.zones);
    return zone ? go(back, 'key', { zone }) : state;
  }
  return go(back, 'key', { host: hostOnZone(state.host, state.zone.name) });
}

function applyEvent(progress: readonly StepProgress[], event: DeployEvent): StepProgress[] {
  const status = event.status === 'start' ? 'running' : event.status;
  const row: StepProgress = { step: event.step, status, ...(event.detail !== undefined ? { detail: event.detail } : {}) };
  if (!progress.some((p) => p.step === event.step)) return [...progress, row];
  return progress.map((p) => (p.step === event.step ? row : p));
}

/**
 * Esc: the previous step, or undefined to leave the wizard. A check or dry run in flight is
 * abandoned (the screen aborts it); a running deploy is cancelled instead, and the result
 * page only leaves through its menu.
 */
export function backDeployWizard(state: DeployWizardState): DeployWizardState | undefined {
  if (state.step === 'running' || state.step === 'result') return state;
  if (state.step === 'token-exhausted') return undefined;
  const previous = state.history[state.history.length - 1];
  if (previous === undefined) return undefined;
  return { ...without(state, 'problem'), step: previous, history: state.history.slice(0, -1) };
}

export interface RequestContext {
  projectDir: string;
  configPath: string;
}

export function deployRequestOf(state: DeployWizardState, ctx: RequestContext, dryRun: boolean): DeployRequest | undefined {
  if (!state.token || !state.account || !state.key) return undefined;
  const target =
    state.target === 'route' && state.host && state.zone
      ? { kind: 'route' as const, pattern: `${state.host}/*`, zoneName: state.zone.name, zoneId: state.zone.id }
      : { kind: 'workers-dev' as const };
  return {
    token: state.token.value,
    accountId: state.account.id,
    target,
    projectDir: ctx.projectDir,
    configPath: ctx.configPath,
    masterKey: state.key.value,
    ...(state.allowWeak ? { allowWeakMasterKey: true } : {}),
    stateBackend: state.stateBackend,
    ...(dryRun ? { dryRun: true } : {}),
  };
}

export function rotateRequestOf(state: DeployWizardState, ctx: RequestContext): RotateKeyRequest | undefined {
  if (!state.token || !state.account || !state.key) return undefined;
  return {
    token: state.token.value,
    accountId: state.account.id,
    projectDir: ctx.projectDir,
    masterKey: state.key.value,
    ...(state.allowWeak ? { allowWeakMasterKey: true } : {}),
  };
}
