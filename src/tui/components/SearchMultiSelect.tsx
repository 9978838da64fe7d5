/**
 * Pick several of many options (a provider's 300 models): type to filter (a substring, or
 * a glob with *), arrows move, Space picks or unpicks, Ctrl+A picks every option shown,
 * Enter confirms. Typed letters go to the filter, so j/k are letters here, not moves.
 */
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useTint } from '../hooks/use-tint.js';
import { useTypingWhileMounted } from '../hooks/use-typing.js';
import { scrollTop, type PickOption } from './OrderedMultiSelect.js';

export interface SearchMultiSelectProps {
  options: readonly PickOption[];
  initial: readonly string[];
  visibleCount: number;
  onSubmit: (chosen: string[]) => void;
}

export function matchesFilter(text: string, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (f === '') return true;
  if (!f.includes('*')) return text.toLowerCase().includes(f);
  const re = new RegExp(`^${f.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return re.test(text.toLowerCase());
}

export function SearchMultiSelect({ options, initial, visibleCount, onSubmit }: SearchMultiSelectProps) {
  useTypingWhileMounted(true);
  const tint = useTint();
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<string[]>(() => [...initial]);
  const [focus, setFocus] = useState(0);
  const [top, setTop] = useState(0);
  const shown = options.filter((o) => matchesFilter(o.label, filter));
  const size = Math.max(1, Math.min(shown.length, visibleCount - 3));

  const move = (delta: number) => {
    if (shown.length === 0) return;
    const next = (((focus + delta) % shown.length) + shown.length) % shown.length;
    setFocus(next);
    setTop((t) => scrollTop(t, next, size, shown.length));
  };
  const refilter = (next: string) => {
    setFilter(next);
    setFocus(0);
    setTop(0);
  };
  useInput((input, key) => {
    if (key.downArrow) move(1);
    else if (key.upArrow) move(-1);
    else if (key.return) onSubmit(options.map((o) => o.value).filter((v) => chosen.includes(v)));
    else if (key.ctrl && input === 'a') {
      const values = shown.map((o) => o.value);
      const all = values.every((v) => chosen.includes(v));
      setChosen(all ? chosen.filter((v) => !values.includes(v)) : [...new Set([...chosen, ...values])]);
    } else if (input === ' ') {
      const value = shown[focus]?.value;
      if (value !== undefined) setChosen(chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value]);
    } else if (key.backspace || key.delete) refilter(filter.slice(0, -1));
    else if (!key.ctrl && !key.meta && !key.escape && !key.tab && input) refilter(filter + input);
  });

  const visible = shown.slice(top, top + size);
  return (
    <Box flexDirection="column">
      <Text>
        Filter: <Text {...tint('cyan')}>{filter}</Text>
        <Text dimColor>
          {' '}
          ({shown.length} of {options.length} shown, {chosen.length} picked)
        </Text>
      </Text>
      {top > 0 ? <Text dimColor> ↑ {top} more</Text> : null}
      {visible.map((option, i) => {
        const focused = top + i === focus;
        const picked = chosen.includes(option.value);
        return (
          <Text key={option.value}>
            <Text {...tint('cyan')}>{focused ? '❯ ' : '  '}</Text>
            <Text {...(picked ? tint('green') : {})}>{picked ? '[x] ' : '[ ] '}</Text>
            <Text bold={focused}>{option.label}</Text>
          </Text>
        );
      })}
      {shown.length === 0 ? <Text dimColor> nothing matches "{filter}"</Text> : null}
      {top + size < shown.length ? <Text dimColor> ↓ {shown.length - top - size} more</Text> : null}
      <Text dimColor>type to filter (* for any) · Space picks · Ctrl+A picks all shown · Enter confirms · Esc back</Text>
    </Box>
  );
}
