/** Step 5: where the Worker keeps routing state (cooldowns, round-robin cursors, rate-limit counters). */
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { StateBackend } from '../../../deploy/types.js';
import { Menu } from '../../components/Menu.js';
import type { DeployStepProps } from './types.js';

const CHOICES: { value: StateBackend; label: string; description: string }[] = [
  {
    value: 'durable-object',
    label: 'Durable Object (default)',
    description: 'One shared store: rate-limit caps and round-robin hold exactly across all Worker isolates. Works on the Free plan.',
  },
  {
    value: 'memory',
    label: 'Per-isolate memory',
    description: 'No binding: each isolate counts on its own, so caps and round-robin are best effort (as the seed).',
  },
];

export function BackendStep({ state, dispatch }: DeployStepProps) {
  const [highlighted, setHighlighted] = useState<StateBackend>(state.stateBackend);
  return (
    <Box flexDirection="column">
      <Text>Where should the Worker keep routing state?</Text>
      <Menu
        items={CHOICES.map((c) => ({ label: c.label, value: c.value }))}
        initialValue={state.stateBackend}
        onHighlight={setHighlighted}
        onSelect={(backend) => dispatch({ type: 'backend-chosen', backend })}
      />
      <Text dimColor>{CHOICES.find((c) => c.value === highlighted)?.description}</Text>
    </Box>
  );
}
