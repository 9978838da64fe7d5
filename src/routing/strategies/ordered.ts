import type { Strategy } from './types.js';

/** Always the first available target; the rest, in config order, on failure. */
export const ordered: Strategy = ({ targets }) => targets.map((t) => t.key);
