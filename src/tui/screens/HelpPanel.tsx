/** The ? overlay: every key, in one place. */
import { Box, Text } from 'ink';
import { HELP_LINES } from '../keymap.js';

export function HelpPanel() {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Keys</Text>
      {HELP_LINES.map(([keys, what]) => (
        <Text key={keys}>
          <Text bold>{keys.padEnd(14)}</Text>
          {what}
        </Text>
      ))}
      <Text dimColor>? or Esc closes this panel.</Text>
    </Box>
  );
}
