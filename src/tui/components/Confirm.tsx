/** A yes/no question; "No" is first so a stray Enter never destroys anything. */
import { Box, Text } from 'ink';
import { isRouterError } from '../../errors/router-error.js';
import { Menu } from './Menu.js';

export function Confirm({ question, yes, onAnswer }: { question: string; yes: string; onAnswer: (yes: boolean) => void }) {
  return (
    <Box flexDirection="column">
      <Text>{question}</Text>
      <Menu
        items={[
          { label: 'No, keep it', value: 'no' },
          { label: yes, value: 'yes' },
        ]}
        onSelect={(v) => onAnswer(v === 'yes')}
      />
    </Box>
  );
}

/** Confirm, then run a removal through the operations layer and report its result lines or error. */
export function ConfirmRemoval({
  question,
  yes,
  remove,
  onDone,
}: {
  question: string;
  yes: string;
  remove: () => Promise<string[]>;
  onDone: (kind: 'success' | 'error' | 'cancel', lines: string[]) => void;
}) {
  return (
    <Confirm
      question={question}
      yes={yes}
      onAnswer={(answer) => {
        if (!answer) return onDone('cancel', []);
        remove().then(
          (lines) => onDone('success', lines),
          (err: unknown) => onDone('error', [isRouterError(err) ? err.message : String(err)]),
        );
      }}
    />
  );
}

/** What can be done to one list item: edit, remove, or go back. */
export function ItemActions({ title, editLabel, onChoose }: { title: string; editLabel: string; onChoose: (choice: 'edit' | 'remove' | 'back') => void }) {
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      <Menu
        items={[
          { label: editLabel, value: 'edit' as const },
          { label: 'Remove…', value: 'remove' as const },
          { label: 'Back', value: 'back' as const },
        ]}
        onSelect={onChoose}
      />
    </Box>
  );
}
