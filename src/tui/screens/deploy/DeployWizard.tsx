/**
 * The deploy wizard and "Rotate Worker key": the pure state machine in
 * state/deploy-wizard.ts, the DeployApi calls its waiting steps need, and one page per
 * step. Esc goes back a step (during a deploy it cancels it).
 */
import { Box, Text, useInput } from 'ink';
import { useReducer, type ReactElement } from 'react';
import type { Config } from '../../../config/schema.js';
import type { DeployApi } from '../../../deploy/types.js';
import { useDeployTasks } from '../../hooks/use-deploy-tasks.js';
import { useKeyScope } from '../../hooks/use-typing.js';
import {
  backDeployWizard,
  initialDeployWizard,
  reduceDeployWizard,
  type DeployFlow,
  type RequestContext,
  type TokenSource,
  type WizardStep,
} from '../../state/deploy-wizard.js';
import { AccountStep } from './AccountStep.js';
import { BackendStep } from './BackendStep.js';
import { KeyStep } from './KeyStep.js';
import { pageOf, summaryLine } from './labels.js';
import { ProgressStep } from './ProgressStep.js';
import { ResultStep } from './ResultStep.js';
import { ReviewStep } from './ReviewStep.js';
import { TargetStep } from './TargetStep.js';
import { TokenStep } from './TokenStep.js';
import type { DeployStepProps } from './types.js';

export interface DeployWizardProps {
  flow: DeployFlow;
  api: DeployApi;
  config: Config;
  ctx: RequestContext;
  envToken: { value: string; source: TokenSource } | undefined;
  rows: number;
  onExit: (to: 'menu' | 'home') => void;
}

const PAGE: Record<WizardStep, (props: DeployStepProps) => ReactElement> = {
  token: TokenStep,
  'checking-token': TokenStep,
  'token-exhausted': TokenStep,
  account: AccountStep,
  target: TargetStep,
  host: TargetStep,
  'loading-zones': TargetStep,
  zone: TargetStep,
  mismatch: TargetStep,
  key: KeyStep,
  'key-type': KeyStep,
  'key-shown': KeyStep,
  'key-weak': KeyStep,
  backend: BackendStep,
  preparing: ReviewStep,
  review: ReviewStep,
  running: ProgressStep,
  result: ResultStep,
};

export function DeployWizard({ flow, api, config, ctx, envToken, rows, onExit }: DeployWizardProps) {
  const [state, dispatch] = useReducer(reduceDeployWizard, undefined, () => initialDeployWizard(flow, envToken));
  const { cancel } = useDeployTasks(state, dispatch, api, ctx);
  const scope = useKeyScope();
  const back = () => {
    if (state.step === 'running') return state.cancelling ? undefined : cancel();
    const previous = backDeployWizard(state);
    if (!previous) onExit('menu');
    else if (previous !== state) dispatch({ type: 'back' });
  };
  useInput((_input, key) => {
    if (key.escape && !scope.helpOpen) back();
  });

  const Page = PAGE[state.step];
  const summary = summaryLine(state);
  return (
    <Box flexDirection="column">
      <Text bold>
        {flow === 'deploy' ? 'Deploy to Cloudflare Workers' : 'Rotate the Worker key'} <Text dimColor>{pageOf(state)}</Text>
      </Text>
      {summary ? <Text dimColor>{summary}</Text> : null}
      <Box flexDirection="column" marginTop={1}>
        <Page state={state} dispatch={dispatch} api={api} config={config} ctx={ctx} rows={rows - 3} back={back} onExit={onExit} />
      </Box>
    </Box>
  );
}
