/** A bucket's fill level: "▮▮▮▯▯▯▯▯ 12/40". */
import { Text } from 'ink';
import { useTint } from '../hooks/use-tint.js';

export function FillBar({ used, limit, width = 10 }: { used: number; limit: number; width?: number }) {
  const tint = useTint();
  const ratio = limit > 0 ? Math.min(1, used / limit) : 0;
  const filled = Math.round(ratio * width);
  const color = ratio >= 1 ? 'red' : ratio >= 0.8 ? 'yellow' : 'green';
  return (
    <Text>
      <Text {...tint(color)}>{'▮'.repeat(filled)}</Text>
      <Text dimColor>{'▯'.repeat(width - filled)}</Text> {used}/{limit}
    </Text>
  );
}
