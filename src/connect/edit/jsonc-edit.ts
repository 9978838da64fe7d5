/**
 * Surgical JSON/JSONC edits with jsonc-parser: each change is a minimal text edit, so the
 * user's comments, key order, other settings and indentation stay exactly as they were.
 */
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { RouterError } from '../../errors/router-error.js';

export type JsonPath = (string | number)[];
export interface JsonEdit {
  path: JsonPath;
  /** undefined removes the key. */
  value: unknown;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Parses JSONC (comments and trailing commas allowed); refuses anything else with the line. */
export function parseJsonc(text: string, file: string): unknown {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) {
    throw new RouterError(
      'INVALID_INPUT',
      `cannot edit ${file}: it is not valid JSON (${printParseErrorCode(first.error)} at line ${lineOf(text, first.offset)}); fix it first, nothing was written`,
      {
        file,
        line: lineOf(text, first.offset),
      },
    );
  }
  if (text.trim() !== '' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new RouterError('INVALID_INPUT', `cannot edit ${file}: its top level is not a JSON object; nothing was written`, { file });
  }
  return value;
}

function indentationOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const line = /\n([ \t]+)\S/.exec(text)?.[1];
  if (line?.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: line ? line.length : 2 };
}

export function applyJsonEdits(text: string | undefined, edits: readonly JsonEdit[], file: string): string {
  let out = text === undefined || text.trim() === '' ? '{}\n' : text;
  parseJsonc(out, file);
  const eol = out.includes('\r\n') ? '\r\n' : '\n';
  const formattingOptions = { ...indentationOf(out), eol };
  // New keys go right after the keys this batch already placed in the same object (the first at
  // the top): appending after the user's last property would slide its trailing comment onto ours.
  const ours = new Set(edits.map((e) => JSON.stringify(e.path)));
  for (const edit of edits) {
    const parent = edit.path.slice(0, -1);
    const getInsertionIndex = (properties: string[]) => properties.reduce((at, name, i) => (ours.has(JSON.stringify([...parent, name])) ? i + 1 : at), 0);
    out = applyEdits(out, modify(out, edit.path, edit.value, { formattingOptions, getInsertionIndex }));
  }
  return out;
}

/** A value at a path of a parsed document, or undefined. */
export function valueAt(doc: unknown, path: readonly string[]): unknown {
  let cur: unknown = doc;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
