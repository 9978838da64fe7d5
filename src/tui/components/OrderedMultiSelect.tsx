/**
 * Pick several options in order (fallbacks and alias targets are tried in the order
 * picked): arrows or j/k move, Space picks or unpicks, Enter confirms. Each picked option
 * shows its place in the order, so the list itself says what will be tried first.
 */
import { Box, Text, useInput } from 'ink';
import { useState, type ReactNode } from 'react';
import { useTint } from '../hooks/use-tint.js';

export interface PickOption {
  label: string;
  value: string;
}

export interface OrderedMultiSelectProps {
  options: readonly PickOption[];
  initial: readonly string[];
  /** Rows available, scroll hints included. */
  visibleCount: number;
  onChange?: (chosen: string[]) => void;
  onSubmit: (chosen: string[]) => void;
  /** Rendered under the list from the current picks (e.g. a summary line). */
  footer?: (chosen: readonly string[]) => ReactNode;
}

/** The first row of a window of `size` rows that keeps `focus` in view, moving as little as possible. */
export function scrollTop(previousTop: number, focus: number, size: number, total: number): number {
  const maxTop = Math.max(0, total - size);
  if (focus < previousTop) return focus;
  if (focus >= previousTop + size) return Math.min(maxTop, focus - size + 1);
  return Math.min(previousTop, maxTop);
}

export function OrderedMultiSelect({ options, initial, visibleCount, onChange, onSubmit, footer }: OrderedMultiSelectProps) {
  const tint = useTint();
  const known = new Set(options.map((o) => o.value));
  const [chosen, setChosen] = useState<string[]>(() => initial.filter((v) => known.has(v)));
  const [focus, setFocus] = useState(0);
  const [top, setTop] = useState(0);
  // When the list scrolls, two of the rows go to the "more above/below" lines.
  const size = options.length > visibleCount ? Math.max(1, visibleCount - 2) : options.length;

  const move = (delta: number) => {
    const next = (((focus + delta) % options.length) + options.length) % options.length;
    setFocus(next);
    setTop((t) => scrollTop(t, next, size, options.length));
  };
  useInput(
    (input, key) => {
      // Keys typed fast (or held down) can arrive as one chunk: "jjj" moves three rows.
      if (key.downArrow) move(1);
      else if (key.upArrow) move(-1);
      else if (/^j+$/.test(input)) move(input.length);
      else if (/^k+$/.test(input)) move(-input.length);
      else if (input === ' ') {
        const value = options[focus]?.value;
        if (value === undefined) return;
        const next = chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value];
        setChosen(next);
        onChange?.(next);
      } else if (key.return) onSubmit(chosen);
    },
    { isActive: options.length > 0 },
  );

  const shown = options.slice(top, top + size);
  const width = String(options.length).length;
  return (
    <Box flexDirection="column">
      {top > 0 ? <Text dimColor> ↑ {top} more</Text> : null}
      {shown.map((option, i) => {
        const focused = top + i === focus;
        const place = chosen.indexOf(option.value);
        const mark = place >= 0 ? `[${String(place + 1).padStart(width)}]` : `[${' '.repeat(width)}]`;
        return (
          <Text key={option.value}>
            <Text {...tint('cyan')}>{focused ? '❯ ' : '  '}</Text>
            <Text {...(place >= 0 ? tint('green') : {})}>{mark} </Text>
            <Text {...(focused ? tint('cyan') : {})} bold={focused}>
              {option.label}
            </Text>
          </Text>
        );
      })}
      {top + size < options.length ? <Text dimColor> ↓ {options.length - top - size} more</Text> : null}
      {footer?.(chosen)}
    </Box>
  );
}
