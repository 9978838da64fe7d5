/**
 * Surgical TOML edits with @decimalturn/toml-patch (a maintained fork of toml-patch): it
 * parses to a concrete syntax tree and rewrites only the values that differ, so comments,
 * blank lines, key order and the user's other tables stay as they were. A table we add
 * goes at the end as a `[a.b]` section (the library alone would write a dotted inline
 * table); the result is re-parsed and must equal what we meant, or nothing is written.
 */
import { isDeepStrictEqual } from 'node:util';
import { parse, patch } from '@decimalturn/toml-patch';
import { RouterError } from '../../errors/router-error.js';

export type TomlTable = Record<string, unknown>;

/** The parser builds null-prototype tables; compare data, not prototypes (dates keep their class). */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object' || value === null) return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== null && proto !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}
const sameData = (a: unknown, b: unknown) => isDeepStrictEqual(plain(a), plain(b));

export function parseToml(text: string, file: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (err) {
    throw new RouterError(
      'INVALID_INPUT',
      `cannot edit ${file}: it is not valid TOML (${(err as Error).message.split('\n')[0]}); fix it first, nothing was written`,
      {
        file,
      },
    );
  }
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;
const tomlKey = (key: string) => (BARE_KEY.test(key) ? key : JSON.stringify(key));
/** JSON string escapes are a subset of TOML basic-string escapes. */
const tomlValue = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

function sectionText(path: readonly string[], table: TomlTable, eol: string): string {
  const lines = [`[${path.map(tomlKey).join('.')}]`, ...Object.entries(table).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`)];
  return lines.join(eol) + eol;
}

function has(doc: TomlTable, path: readonly string[]): boolean {
  let cur: unknown = doc;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, key)) return false;
    cur = (cur as TomlTable)[key];
  }
  return true;
}

/**
 * Sets top-level scalar keys and one (sub)table of scalars. `undefined` removes a key.
 * Keys of the table the user added themselves are kept.
 */
export function editToml(
  text: string | undefined,
  root: Record<string, string | undefined>,
  tablePath: readonly string[],
  table: Record<string, string | number | undefined>,
  file: string,
): string {
  let src = text ?? '';
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  let doc = parseToml(src, file);
  const defined = Object.fromEntries(Object.entries(table).filter(([, v]) => v !== undefined)) as TomlTable;
  if (!has(doc, tablePath)) {
    const sep = src === '' ? '' : src.endsWith(eol + eol) ? '' : src.endsWith(eol) ? eol : eol + eol;
    const appended = src + sep + sectionText(tablePath, defined, eol);
    try {
      const reparsed = parse(appended) as TomlTable;
      if (has(reparsed, tablePath)) {
        src = appended;
        doc = reparsed;
      }
    } catch {
      // e.g. the parent is an inline table: a [section] would redefine it; patch() places it instead
    }
  }
  // Copies along the edited path only: every other value stays the parsed object it was (dates keep their class).
  const want: TomlTable = { ...doc };
  for (const [k, v] of Object.entries(root)) {
    if (v === undefined) delete want[k];
    else want[k] = v;
  }
  let parent = want;
  for (const key of tablePath.slice(0, -1)) {
    const next = parent[key];
    parent[key] = typeof next === 'object' && next !== null ? { ...(next as TomlTable) } : {};
    parent = parent[key] as TomlTable;
  }
  const last = tablePath[tablePath.length - 1] ?? '';
  const existing = parent[last];
  const merged: TomlTable = { ...(typeof existing === 'object' && existing !== null ? (existing as TomlTable) : {}) };
  for (const [k, v] of Object.entries(table)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  parent[last] = merged;
  const out = sameData(want, doc) ? src : patch(src, want, { inlineTableStart: tablePath.length + 1 });
  if (!sameData(parse(out), want)) {
    throw new RouterError('IO', `cannot edit ${file} safely (the TOML library's result did not read back as intended); nothing was written`, { file });
  }
  return out;
}
