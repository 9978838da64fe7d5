/** Colours only when allowed: never with NO_COLOR (bold and inverse still mark focus). Spread into <Text>. */
import { createContext, useContext } from 'react';

export const ColorContext = createContext(true);

export type Tint = (color: string) => { color?: string };

export function useTint(): Tint {
  const enabled = useContext(ColorContext);
  return (color) => (enabled ? { color } : {});
}
