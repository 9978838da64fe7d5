/** The input for one wizard step: text, secret (masked), select with descriptions, or ordered multiselect. */
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useTypingWhileMounted } from '../hooks/use-typing.js';
import type { Step, Value } from '../state/wizard.js';
import { Menu } from './Menu.js';
import { TextField } from './TextField.js';
import { OrderedMultiSelect } from './OrderedMultiSelect.js';

export interface StepInputProps {
  step: Step;
  value: Value | undefined;
  onSubmit: (value: Value) => void;
  maxOptions: number;
}

function TextStep({ step, value, onSubmit }: StepInputProps) {
  useTypingWhileMounted(true);
  const [initial] = useState(typeof value === 'string' ? value : typeof step.initial === 'string' ? step.initial : '');
  return (
    <Box>
      <Text>› </Text>
      <TextField initial={initial} onSubmit={(v) => onSubmit(v.trim())} {...(step.kind === 'secret' ? { mask: '•' } : {})} />
    </Box>
  );
}

function SelectStep({ step, value, onSubmit, maxOptions }: StepInputProps) {
  const options = step.options ?? [];
  const start = typeof value === 'string' ? value : typeof step.initial === 'string' ? step.initial : options[0]?.value;
  const [highlighted, setHighlighted] = useState(start);
  const description = options.find((o) => o.value === highlighted)?.description;
  return (
    <Box flexDirection="column">
      <Menu
        items={options.map((o) => ({ label: o.label, value: o.value }))}
        onSelect={(v) => onSubmit(v)}
        onHighlight={setHighlighted}
        limit={Math.min(options.length, maxOptions)}
        {...(start ? { initialValue: start } : {})}
      />
      {description ? <Text dimColor> {description}</Text> : null}
    </Box>
  );
}

function MultiSelectStep({ step, value, onSubmit, maxOptions }: StepInputProps) {
  const initial = Array.isArray(value) ? value : Array.isArray(step.initial) ? step.initial : [];
  useInput(
    (_input, key) => {
      if (key.return) onSubmit([]);
    },
    { isActive: (step.options ?? []).length === 0 },
  );
  if ((step.options ?? []).length === 0) return <Text dimColor>Nothing to pick here; press Enter to go on.</Text>;
  return (
    <OrderedMultiSelect
      options={step.options ?? []}
      initial={initial}
      visibleCount={maxOptions}
      onSubmit={(v) => onSubmit(v)}
      footer={(chosen) => <Text dimColor>{chosen.length ? `Chosen, in order: ${chosen.join(', ')}` : 'Nothing chosen yet'} (Space picks, Enter confirms)</Text>}
    />
  );
}

export function StepInput(props: StepInputProps) {
  switch (props.step.kind) {
    case 'select':
      return <SelectStep {...props} />;
    case 'multiselect':
      return <MultiSelectStep {...props} />;
    default:
      return <TextStep {...props} />;
  }
}
