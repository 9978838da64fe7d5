/**
 * Step 6: what will happen, before anything does. For a deploy this is the dry run's own
 * answer (the same code as `llm-router deploy --dry-run`): worker, URL, state backend,
 * every file with its size, the secrets by name, warnings.
 */
import { Box, Text } from 'ink';
import { Menu } from '../../components/Menu.js';
import { Notice } from '../../components/Notice.js';
import { Spinner } from '../../components/Spinner.js';
import { formatBytes } from '../format.js';
import { BACKEND_LABELS, keyText, targetText } from './labels.js';
import type { DeployStepProps } from './types.js';

/** "Label:   value", the labels in one column. */
function Field({ label, value }: { label: string; value: string | undefined }) {
  return <Text>{`${`${label}:`.padEnd(10)}${value ?? ''}`}</Text>;
}

const accountText = (state: DeployStepProps['state']) => (state.account ? `${state.account.name} (${state.account.id})` : '');

function RotateReview({ state, dispatch, ctx, onExit, back }: DeployStepProps) {
  return (
    <Box flexDirection="column">
      <Field label="Account" value={accountText(state)} />
      <Field label="Project" value={ctx.projectDir} />
      <Field label="New key" value={keyText(state)} />
      <Text dimColor>Replaces the secret LLM_ROUTER_MASTER_KEY on the deployed Worker; clients must then send the new key.</Text>
      <Box marginTop={1}>
        <MenuWithGo label="Rotate the key now" onGo={() => dispatch({ type: 'start' })} onExit={onExit} back={back} />
      </Box>
    </Box>
  );
}

function MenuWithGo({ label, onGo, onExit, back, go = true }: { label: string; onGo: () => void; go?: boolean } & Pick<DeployStepProps, 'onExit' | 'back'>) {
  return (
    <Menu
      items={[...(go ? [{ label, value: 'go' }] : []), { label: 'Back (change the last step)', value: 'back' }, { label: 'Cancel', value: 'cancel' }]}
      onSelect={(v) => (v === 'go' ? onGo() : v === 'cancel' ? onExit('menu') : back())}
    />
  );
}

export function ReviewStep(props: DeployStepProps) {
  const { state, dispatch, ctx, rows, onExit, back } = props;
  if (state.flow === 'rotate') return <RotateReview {...props} />;
  if (state.step === 'preparing') return <Spinner label="Preparing: a dry run of the deploy (nothing is uploaded)…" />;
  const p = state.preview;
  if (!p) {
    return (
      <Box flexDirection="column">
        <Notice kind="error" lines={['The dry run failed, so nothing can be deployed yet:', state.problem ?? 'no answer']} />
        <MenuWithGo label="" go={false} onGo={() => undefined} onExit={onExit} back={back} />
      </Box>
    );
  }
  const warnings = p.warnings;
  const fileRows = Math.max(1, rows - 14 - warnings.length);
  const files = p.files.slice(0, fileRows);
  // The folder the files go to (the first file is the bundle's entry, at the project's top).
  const first = p.files[0]?.path;
  const folder = first ? first.slice(0, first.lastIndexOf('/')) : ctx.projectDir;
  return (
    <Box flexDirection="column">
      <Field label="Target" value={targetText(state)} />
      <Field label="Account" value={accountText(state)} />
      <Field label="Worker" value={`${p.workerName} · URL ${p.url ?? '(known once deployed)'}`} />
      <Field label="State" value={BACKEND_LABELS[p.stateBackend]} />
      <Field label="Key" value={keyText(state)} />
      <Field label="Upload" value={`bundle ${formatBytes(p.bundleBytes)}, sealed config ${formatBytes(p.sealedConfigBytes)}`} />
      <Field label="Secrets" value={`${p.secrets.join(', ') || 'none'} (values never shown)`} />
      <Text wrap="truncate-end">Files in {folder}:</Text>
      {files.map((f) => (
        <Text key={f.path} wrap="truncate-end">
          {'  '}
          {f.path.startsWith(`${folder}/`) ? f.path.slice(folder.length + 1) : f.path} {formatBytes(f.bytes)} <Text dimColor>{f.note}</Text>
        </Text>
      ))}
      {p.files.length > files.length ? <Text dimColor> … {p.files.length - files.length} more (llm-router deploy --dry-run lists them all)</Text> : null}
      {warnings.length ? <Notice kind="info" lines={warnings} /> : null}
      {p.error ? <Notice kind="error" lines={[`The dry run stops at ${p.error.step}: ${p.error.message}`]} /> : null}
      <MenuWithGo label="Deploy now" go={p.ok && !p.error} onGo={() => dispatch({ type: 'start' })} onExit={onExit} back={back} />
    </Box>
  );
}
