/**
 * A form one step at a time (Enter accepts, Esc goes back a step), then a review page with
 * live validation, then a save through the operations layer. Errors stay on screen.
 */
import { Box, Text, useInput } from 'ink';
import { useMemo, useState } from 'react';
import { isRouterError } from '../../errors/router-error.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useKeyScope } from '../hooks/use-typing.js';
import { answer, back, currentStep, initialWizard, type Values, type WizardSpec } from '../state/wizard.js';
import { Menu } from './Menu.js';
import { Notice } from './Notice.js';
import { StepInput } from './StepInput.js';

export interface WizardProps {
  spec: WizardSpec;
  initialValues?: Values;
  onDone: (lines: string[], values: Values) => void;
  onCancel: () => void;
}

export function Wizard({ spec, initialValues, onDone, onCancel }: WizardProps) {
  const [state, setState] = useState(() => initialWizard(initialValues));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string[]>([]);
  const { rows } = useTerminalSize();
  const steps = spec.steps(state.values);
  const step = currentStep(spec, state);
  const problems = useMemo(() => (step ? [] : (spec.check?.(state.values) ?? [])), [spec, step, state.values]);

  const scope = useKeyScope();
  useInput((_input, key) => {
    if (!key.escape || saving || scope.helpOpen) return;
    setSaveError([]);
    const previous = back(state);
    if (previous) setState(previous);
    else onCancel();
  });

  const save = async () => {
    setSaving(true);
    setSaveError([]);
    try {
      const lines = await spec.submit(state.values);
      onDone(lines, state.values);
    } catch (err) {
      setSaveError(isRouterError(err) ? [err.message, ...(err.details.length > 1 ? err.details : [])] : [String(err)]);
      setSaving(false);
    }
  };

  return (
    <Box flexDirection="column">
      <Text bold>
        {spec.title} <Text dimColor>{step ? `step ${state.index + 1} of ${steps.length}` : 'review'}</Text>
      </Text>
      {step ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>{step.label}</Text>
          {step.hint ? <Text dimColor>{step.hint}</Text> : null}
          <StepInput
            key={`${state.index}:${step.key}`}
            step={step}
            value={state.values[step.key]}
            maxOptions={Math.max(3, rows - 12)}
            onSubmit={(v) => setState((s) => answer(spec, s, v))}
          />
          {state.error ? <Notice kind="error" lines={[state.error]} /> : null}
        </Box>
      ) : (
        <Box flexDirection="column" marginTop={1}>
          {spec.review(state.values).map((line, i) => (
            <Text key={i}>{line}</Text>
          ))}
          <Box marginTop={1} flexDirection="column">
            <Notice kind="error" lines={problems.length ? ['Cannot save yet:', ...problems] : saveError} />
            {saving ? (
              <Text>Saving…</Text>
            ) : (
              <Menu
                items={[
                  ...(problems.length ? [] : [{ label: spec.submitLabel?.(state.values) ?? 'Save', value: 'save' }]),
                  { label: 'Back (edit the last step)', value: 'back' },
                  { label: 'Cancel', value: 'cancel' },
                ]}
                onSelect={(v) => {
                  if (v === 'save') void save();
                  else if (v === 'back') setState((s) => back(s) ?? s);
                  else onCancel();
                }}
              />
            )}
          </Box>
        </Box>
      )}
    </Box>
  );
}
