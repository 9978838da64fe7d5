/** Every screen's frame: a title bar, the body, and a footer with the keys that work here. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTint } from '../hooks/use-tint.js';

export interface FrameProps {
  title: string;
  /** Right side of the title bar, e.g. the gateway state. */
  status?: string;
  hints: readonly string[];
  children: ReactNode;
}

export function Frame({ title, status, hints, children }: FrameProps) {
  const { columns, rows } = useTerminalSize();
  const tint = useTint();
  const width = Math.max(40, columns);
  return (
    <Box flexDirection="column" width={width} height={Math.max(10, rows)}>
      <Box justifyContent="space-between" paddingX={1}>
        <Text bold {...tint('cyan')}>
          llm-router › {title}
        </Text>
        {status ? <Text>{status}</Text> : null}
      </Box>
      <Box flexDirection="column" flexGrow={1} paddingX={1} overflow="hidden">
        {children}
      </Box>
      <Box paddingX={1}>
        <Text dimColor wrap="truncate-end">
          {hints.join('  ')}
        </Text>
      </Box>
    </Box>
  );
}
