/** A yes/no question; "No" is first so a stray Enter never destroys anything. */
import { Box, Text } from 'ink';
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
