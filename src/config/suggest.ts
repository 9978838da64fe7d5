/** "Did you mean" for mistyped commands, operations and flags: the closest known word by edit distance. */

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The known word closest to `wanted` (case-insensitive), if it is close enough to be a typo. */
export function closest(wanted: string, known: Iterable<string>): string | undefined {
  const lower = wanted.toLowerCase();
  let best: { word: string; d: number } | undefined;
  for (const word of known) {
    const d = distance(lower, word.toLowerCase());
    if (!best || d < best.d) best = { word, d };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return best.d <= limit || best.word.toLowerCase().startsWith(lower) || lower.startsWith(best.word.toLowerCase()) ? best.word : undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(wanted: string, known: Iterable<string>, prefix = ''): string {
  const word = closest(wanted, known);
  return word === undefined ? '' : ` (did you mean ${prefix}${word}?)`;
}
