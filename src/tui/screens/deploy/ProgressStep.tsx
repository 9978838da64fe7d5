/** Step 7: the deploy (or rotation) as it runs, one line per step; Esc cancels. */
import { Box, Text } from 'ink';
import { Spinner } from '../../components/Spinner.js';
import { useTint } from '../../hooks/use-tint.js';
import type { StepProgress } from '../../state/deploy-wizard.js';
import { STEP_LABELS } from './labels.js';
import type { DeployStepProps } from './types.js';

const MARK: Record<Exclude<StepProgress['status'], 'running'>, { mark: string; color?: string }> = {
  pending: { mark: '·' },
  ok: { mark: '✓', color: 'green' },
  fail: { mark: '✗', color: 'red' },
  skip: { mark: '–' },
};

function Row({ row }: { row: StepProgress }) {
  const tint = useTint();
  const text = `${STEP_LABELS[row.step]}${row.detail ? `: ${row.detail}` : ''}`;
  if (row.status === 'running') return <Spinner label={text} />;
  const { mark, color } = MARK[row.status];
  return (
    <Text wrap="truncate-end" dimColor={row.status === 'pending' || row.status === 'skip'}>
      <Text {...(color ? tint(color) : {})}>{mark}</Text> {text}
    </Text>
  );
}

export function ProgressStep({ state }: DeployStepProps) {
  const what = state.flow === 'deploy' ? 'Deploying' : 'Rotating the Worker key';
  return (
    <Box flexDirection="column">
      <Text bold>{what}…</Text>
      {state.progress.length === 0 ? <Spinner label="Starting…" /> : null}
      {state.progress.map((row) => (
        <Row key={row.step} row={row} />
      ))}
      <Box marginTop={1}>
        <Text dimColor>{state.cancelling ? 'Cancelling: waiting for the current step to stop…' : 'Esc cancels'}</Text>
      </Box>
    </Box>
  );
}
