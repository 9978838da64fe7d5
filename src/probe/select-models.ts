/** `--models=all`, globs like `claude-*,gpt-5*`, and explicit names against a discovered list. */

export function isPattern(entry: string): boolean {
  return entry === 'all' || /[*?]/.test(entry);
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

export interface Selection {
  /** Models to confirm, in the order asked (explicit names first where given, then matches in list order). */
  models: string[];
  /** Patterns that matched nothing. */
  unmatched: string[];
}

export function selectModels(requested: readonly string[], discovered: readonly string[]): Selection {
  const out = new Set<string>();
  const unmatched: string[] = [];
  for (const entry of requested) {
    if (!isPattern(entry)) {
      out.add(entry);
      continue;
    }
    const re = entry === 'all' ? /^/ : globToRegExp(entry);
    const hits = discovered.filter((id) => re.test(id));
    if (hits.length === 0) unmatched.push(entry);
    for (const id of hits) out.add(id);
  }
  return { models: [...out], unmatched };
}
