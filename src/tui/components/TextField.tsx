/**
 * A one-line text field that keeps every key, however fast they come. Keys typed fast,
 * held, or pasted arrive as one chunk ("ab\x7f\x7fcd") or as several events before a
 * redraw; the value and cursor live in a ref updated synchronously per character, so
 * nothing is computed from a stale render (ink-text-input lost backspaces that way and
 * then showed one character less than it held).
 */
import { Text, useInput } from 'ink';
import { useRef, useState } from 'react';

export interface TextFieldProps {
  initial: string;
  onChange?: (value: string) => void;
  onSubmit: (value: string) => void;
  /** Shown instead of each character (secrets). */
  mask?: string;
  focus?: boolean;
}

interface Field {
  value: string;
  cursor: number;
}

const BACKSPACE = new Set(['\x7f', '\b']);

/** Applies one chunk of typed input to the field; returns true when it ended with Enter. */
export function applyInput(field: Field, input: string): boolean {
  for (const ch of input) {
    if (BACKSPACE.has(ch)) {
      if (field.cursor > 0) {
        field.value = field.value.slice(0, field.cursor - 1) + field.value.slice(field.cursor);
        field.cursor -= 1;
      }
    } else if (ch === '\r' || ch === '\n') {
      return true;
    } else if (ch >= ' ') {
      field.value = field.value.slice(0, field.cursor) + ch + field.value.slice(field.cursor);
      field.cursor += ch.length;
    }
  }
  return false;
}

export function TextField({ initial, onChange, onSubmit, mask, focus = true }: TextFieldProps) {
  const field = useRef<Field>({ value: initial, cursor: initial.length });
  const [, redraw] = useState(0);
  useInput(
    (input, key) => {
      const f = field.current;
      const before = f.value;
      let submit = false;
      if (key.return) submit = true;
      else if (key.leftArrow) f.cursor = Math.max(0, f.cursor - 1);
      else if (key.rightArrow) f.cursor = Math.min(f.value.length, f.cursor + 1);
      else if ((key.backspace || key.delete) && (input === '' || BACKSPACE.has(input))) applyInput(f, '\x7f');
      else if (key.ctrl && input === 'u') {
        f.value = f.value.slice(f.cursor);
        f.cursor = 0;
      } else if (!key.ctrl && !key.meta && !key.tab && !key.escape && !key.upArrow && !key.downArrow) submit = applyInput(f, input);
      if (f.value !== before) onChange?.(f.value);
      redraw((n) => n + 1);
      if (submit) onSubmit(f.value);
    },
    { isActive: focus },
  );
  const { value, cursor } = field.current;
  const shown = mask ? mask.repeat(value.length) : value;
  return (
    <Text>
      {shown.slice(0, cursor)}
      <Text inverse>{shown[cursor] ?? ' '}</Text>
      {shown.slice(cursor + 1)}
    </Text>
  );
}
