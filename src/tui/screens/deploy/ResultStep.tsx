/** Step 8: what happened: the URL and the coding-tool snippets, or what failed and what was left in place. */
import { Box, Text } from 'ink';
import type { DeployResult, RotateKeyResult } from '../../../deploy/types.js';
import { Menu } from '../../components/Menu.js';
import { Notice } from '../../components/Notice.js';
import { BACKEND_LABELS, STEP_LABELS } from './labels.js';
import type { DeployStepProps } from './types.js';

function deployLines(r: DeployResult): { kind: 'success' | 'error'; lines: string[] } {
  if (r.ok && !r.error)
    return { kind: 'success', lines: [`Deployed ${r.workerName}${r.url ? ` to ${r.url}` : ''}`, `State: ${BACKEND_LABELS[r.stateBackend]}`] };
  const e = r.error;
  const left = e?.leftInPlace.length ? ['Left in place:', ...e.leftInPlace.map((l) => `- ${l}`)] : ['Nothing was left in place.'];
  return { kind: 'error', lines: [`Deploy failed${e ? ` at "${STEP_LABELS[e.step]}"` : ''}: ${e?.message ?? 'no reason given'}`, ...left] };
}

function rotateLines(r: RotateKeyResult): { kind: 'success' | 'error'; lines: string[] } {
  if (!r.ok || r.error)
    return { kind: 'error', lines: [`Key rotation failed: ${r.error?.message ?? 'no reason given'}`, 'The Worker keeps its previous key.'] };
  return {
    kind: 'success',
    lines: [
      r.replaced ? `Replaced LLM_ROUTER_MASTER_KEY on ${r.workerName}.` : `Created LLM_ROUTER_MASTER_KEY on ${r.workerName} (it had none).`,
      'Clients of the Worker must now send the new key.',
    ],
  };
}

function Snippets({ result, rows }: { result: DeployResult; rows: number }) {
  if (!result.ok || result.snippets.length === 0) return null;
  let budget = rows;
  return (
    <Box flexDirection="column" marginTop={1}>
      {result.snippets.map((s) => {
        const lines = s.text.split('\n').slice(0, Math.max(0, budget - 1));
        budget -= lines.length + 1;
        if (lines.length === 0) return null;
        return (
          <Box key={s.tool} flexDirection="column">
            <Text bold>{s.tool}:</Text>
            {lines.map((line, i) => (
              <Text key={i} wrap="truncate-end">
                {'  '}
                {line}
              </Text>
            ))}
          </Box>
        );
      })}
    </Box>
  );
}

export function ResultStep({ state, rows, onExit }: DeployStepProps) {
  const { deployResult, rotateResult, failure } = state;
  const note = failure
    ? {
        kind: 'error' as const,
        lines: [
          `${state.flow === 'deploy' ? 'Deploy' : 'Key rotation'} stopped: ${failure}`,
          state.cancelling ? 'Cancelled by you.' : 'It gave no report of what it left in place.',
        ],
      }
    : deployResult
      ? deployLines(deployResult)
      : rotateResult
        ? rotateLines(rotateResult)
        : { kind: 'error' as const, lines: ['No result.'] };
  const warnings = [...(deployResult?.warnings ?? []), ...(rotateResult?.warnings ?? [])];
  return (
    <Box flexDirection="column">
      <Notice kind={note.kind} lines={note.lines} />
      {warnings.length ? <Notice kind="info" lines={warnings} /> : null}
      {deployResult ? <Snippets result={deployResult} rows={Math.max(2, rows - note.lines.length - warnings.length - 5)} /> : null}
      <Box marginTop={1}>
        <Menu
          items={[
            { label: 'Home', value: 'home' as const },
            { label: 'Back to Deploy', value: 'menu' as const },
          ]}
          onSelect={onExit}
        />
      </Box>
    </Box>
  );
}
