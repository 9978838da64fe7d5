/** Words for the deploy wizard's pages. Pure. */
import { maskSecret } from '../../../config/mask.js';
import type { DeployStepId, StateBackend } from '../../../deploy/types.js';
import type { DeployWizardState, WizardStep } from '../../state/deploy-wizard.js';

export const STEP_LABELS: Record<DeployStepId, string> = {
  'verify-token': 'Verify the token',
  'resolve-target': 'Resolve the target',
  'check-key': 'Check the master key',
  'seal-config': 'Seal the config',
  'write-project': 'Write the wrangler project',
  upload: 'Upload the Worker and its secrets',
  'verify-health': 'Check /health',
};

export const BACKEND_LABELS: Record<StateBackend, string> = {
  'durable-object': 'Durable Object (exact caps across isolates)',
  memory: 'per-isolate memory (best effort)',
};

/** The pages of each flow, for "step n of m" (a page covers its sub-steps). */
const PAGES: Record<DeployWizardState['flow'], { title: string; steps: WizardStep[] }[]> = {
  deploy: [
    { title: 'Token', steps: ['token', 'checking-token', 'token-exhausted'] },
    { title: 'Account', steps: ['account'] },
    { title: 'Target', steps: ['target', 'host', 'loading-zones', 'zone', 'mismatch'] },
    { title: 'Master key', steps: ['key', 'key-type', 'key-shown', 'key-weak'] },
    { title: 'State backend', steps: ['backend'] },
    { title: 'Review', steps: ['preparing', 'review'] },
    { title: 'Deploy', steps: ['running'] },
    { title: 'Result', steps: ['result'] },
  ],
  rotate: [
    { title: 'Token', steps: ['token', 'checking-token', 'token-exhausted'] },
    { title: 'Account', steps: ['account'] },
    { title: 'New key', steps: ['key', 'key-type', 'key-shown', 'key-weak'] },
    { title: 'Review', steps: ['review'] },
    { title: 'Rotate', steps: ['running'] },
    { title: 'Result', steps: ['result'] },
  ],
};

export function pageOf(state: DeployWizardState): string {
  const pages = PAGES[state.flow];
  const i = pages.findIndex((p) => p.steps.includes(state.step));
  return `step ${i + 1} of ${pages.length}: ${pages[i]?.title ?? ''}`;
}

export function targetText(state: DeployWizardState): string | undefined {
  if (state.target === 'workers-dev') return 'workers.dev';
  if (state.target === 'route' && state.host) return state.zone ? `${state.host}/* on zone ${state.zone.name}` : state.host;
  return undefined;
}

export function keyText(state: DeployWizardState): string | undefined {
  if (!state.key) return undefined;
  const source = { local: "the local gateway's", generated: 'generated', typed: 'typed' }[state.key.source];
  return `${maskSecret(state.key.value) ?? ''} (${source}${state.allowWeak ? ', WEAK: allowed' : ''})`;
}

/** One line of what is settled so far, under the wizard's title. */
export function summaryLine(state: DeployWizardState): string {
  const parts: string[] = [];
  if (state.token && state.step !== 'token') parts.push(`token ${state.token.source === 'typed' ? 'typed' : `from ${state.token.source}`}`);
  if (state.account) parts.push(`account ${state.account.name}${state.accounts.length === 1 ? ' (the only one)' : ''}`);
  const target = targetText(state);
  if (target && !['target', 'host', 'loading-zones', 'zone', 'mismatch'].includes(state.step)) parts.push(target);
  return parts.join(' · ');
}
