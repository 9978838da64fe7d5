/** A result or problem message, inline where it happened. */
import { Box, Text } from 'ink';
import { useTint } from '../hooks/use-tint.js';

export interface NoticeProps {
  kind: 'error' | 'success' | 'info';
  lines: readonly string[];
}

export function Notice({ kind, lines }: NoticeProps) {
  const tint = useTint();
  if (lines.length === 0) return null;
  const color = kind === 'error' ? 'red' : kind === 'success' ? 'green' : 'yellow';
  const mark = kind === 'error' ? '✗ ' : kind === 'success' ? '✓ ' : '• ';
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} {...tint(color)} wrap="wrap">
          {i === 0 ? mark : '  '}
          {line}
        </Text>
      ))}
    </Box>
  );
}
