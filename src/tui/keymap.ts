/** The keys the TUI answers to, for the footer and the help panel. */
import type { ScreenId } from './state/navigation.js';

export const HELP_LINES: ReadonlyArray<readonly [string, string]> = [
  ['↑ ↓  j k', 'move in menus and lists'],
  ['Enter', 'choose / accept the field'],
  ['Space', 'pick or unpick in a multi-choice list'],
  ['Esc', 'back (a step in forms, a screen elsewhere)'],
  ['s  x  r', 'start, stop, reload the gateway (home)'],
  ['f  p', 'Traffic: cycle the filter (all, errors, fallbacks), the provider'],
  ['?', 'this help'],
  ['q', 'quit (Ctrl+C always quits)'],
];

export function footerHints(screen: ScreenId, typing: boolean): string[] {
  const base = typing ? ['Enter accept', 'Esc back', 'Ctrl+C quit'] : ['↑↓/jk move', 'Enter choose', 'Esc back', '? help', 'q quit'];
  return screen === 'home' && !typing ? ['↑↓/jk move', 'Enter choose', 's start', 'x stop', 'r reload', '? help', 'q quit'] : base;
}
