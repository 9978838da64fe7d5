/** A vertical menu (arrows or j/k, Enter) over ink-select-input, sized to fit the screen. */
import { Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useTint } from '../hooks/use-tint.js';

export interface MenuItem<V extends string = string> {
  label: string;
  value: V;
  key?: string;
}

export interface MenuProps<V extends string> {
  items: readonly MenuItem<V>[];
  onSelect: (value: V) => void;
  onHighlight?: (value: V) => void;
  limit?: number;
  isFocused?: boolean;
  initialValue?: V;
}

export function Menu<V extends string>({ items, onSelect, onHighlight, limit, isFocused = true, initialValue }: MenuProps<V>) {
  const tint = useTint();
  const initialIndex = Math.max(
    0,
    items.findIndex((i) => i.value === initialValue),
  );
  return (
    <SelectInput
      items={items.map((i) => ({ label: i.label, value: i.value, key: i.key ?? i.value }))}
      isFocused={isFocused}
      initialIndex={initialIndex}
      {...(limit ? { limit } : {})}
      indicatorComponent={({ isSelected }) => <Text {...tint('cyan')}>{isSelected ? '❯ ' : '  '}</Text>}
      itemComponent={({ isSelected, label }) => (
        <Text {...(isSelected ? tint('cyan') : {})} bold={isSelected === true}>
          {label}
        </Text>
      )}
      onSelect={(item) => onSelect(item.value as V)}
      {...(onHighlight ? { onHighlight: (item: { value: string }) => onHighlight(item.value as V) } : {})}
    />
  );
}
