/** A one-character spinner in front of a line of text, for calls that take a moment. */
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { useTint } from '../hooks/use-tint.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner({ label }: { label: string }) {
  const tint = useTint();
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    // 10 frames a second: smooth enough, and cheap on a slow terminal.
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 100);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text>
      <Text {...tint('cyan')}>{FRAMES[frame]}</Text> {label}
    </Text>
  );
}
