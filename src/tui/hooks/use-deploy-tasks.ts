/**
 * Runs the DeployApi call the wizard's current step waits for (token check, zone list,
 * dry run, deploy or rotation) and dispatches its answer. Leaving the step aborts the
 * call and drops a late answer; `cancel` aborts a running deploy (Esc).
 */
import { useEffect, useRef, type Dispatch } from 'react';
import type { DeployApi } from '../../deploy/types.js';
import { isRouterError } from '../../errors/router-error.js';
import { deployRequestOf, rotateRequestOf, type DeployWizardAction, type DeployWizardState, type RequestContext } from '../state/deploy-wizard.js';

export function messageOf(err: unknown): string {
  return isRouterError(err) || err instanceof Error ? err.message : String(err);
}

type Task = (signal: AbortSignal, onEvent: (action: DeployWizardAction) => void) => Promise<DeployWizardAction> | undefined;

function taskFor(state: DeployWizardState, api: DeployApi, ctx: RequestContext): Task | undefined {
  switch (state.step) {
    case 'checking-token': {
      const token = state.token?.value ?? '';
      return (signal) =>
        api.checkToken(token, signal).then(
          (check): DeployWizardAction => ({ type: 'token-checked', check }),
          (err): DeployWizardAction => ({ type: 'token-checked', check: { ok: false, problem: messageOf(err), accounts: [] } }),
        );
    }
    case 'loading-zones': {
      const token = state.token?.value ?? '';
      const accountId = state.account?.id ?? '';
      return (signal) =>
        api.listZones(token, accountId, signal).then(
          (zones): DeployWizardAction => ({ type: 'zones-loaded', zones }),
          (err): DeployWizardAction => ({ type: 'zones-failed', message: messageOf(err) }),
        );
    }
    case 'preparing': {
      const request = deployRequestOf(state, ctx, true);
      if (!request) return undefined;
      return (signal) =>
        api
          .deploy(request, () => undefined, signal)
          .then(
            (result): DeployWizardAction => ({ type: 'preview-ready', result }),
            (err): DeployWizardAction => ({ type: 'preview-failed', message: messageOf(err) }),
          );
    }
    case 'running': {
      const fail = (err: unknown): DeployWizardAction => ({ type: 'failed', message: messageOf(err) });
      if (state.flow === 'rotate') {
        const request = rotateRequestOf(state, ctx);
        if (!request) return undefined;
        return (signal, emit) =>
          api.rotateKey(request, (event) => emit({ type: 'event', event }), signal).then((result): DeployWizardAction => ({ type: 'rotated', result }), fail);
      }
      const request = deployRequestOf(state, ctx, false);
      if (!request) return undefined;
      return (signal, emit) =>
        api.deploy(request, (event) => emit({ type: 'event', event }), signal).then((result): DeployWizardAction => ({ type: 'deployed', result }), fail);
    }
    default:
      return undefined;
  }
}

export function useDeployTasks(state: DeployWizardState, dispatch: Dispatch<DeployWizardAction>, api: DeployApi | undefined, ctx: RequestContext) {
  const running = useRef<AbortController | undefined>(undefined);
  useEffect(() => {
    const task = api ? taskFor(state, api, ctx) : undefined;
    if (!task) return;
    const controller = new AbortController();
    running.current = controller;
    let live = true;
    const emit = (action: DeployWizardAction) => {
      if (live) dispatch(action);
    };
    task(controller.signal, emit)?.then(emit, (err: unknown) => emit({ type: 'failed', message: messageOf(err) }));
    return () => {
      live = false;
      controller.abort();
    };
    // The step alone decides what runs; the state it needs is fixed while the step lasts.
  }, [state.step, api]);
  return {
    cancel: () => {
      dispatch({ type: 'cancel' });
      running.current?.abort();
    },
  };
}
