/**
 * Config text -> validated Config. Every failure is a RouterError that names the file,
 * the line and column, and the field path. Never touches the file system.
 */
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { RouterError } from '../errors/router-error.js';
import { formatIssue, formatPath, type ConfigIssue, type ConfigPath } from './config-path.js';
import { KEY_SPELLINGS, isObject, normalizeConfig } from './normalize-config.js';
import { CURRENT_CONFIG_VERSION, configSchema, type Config } from './schema.js';
import { validateConfig } from './validate-config.js';

const EXTRA_SPELLINGS: Record<string, readonly string[]> = {
  id: ['name', 'model'],
  ref: ['target', 'route', 'model'],
  window: ['windowUnit', 'window-unit', 'windowSize', 'window-size'],
};

const PARSE_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected content after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The node for `path`, or for the deepest prefix of it that exists in the file as written. */
function locate(tree: Node, path: ConfigPath): Node {
  let node = tree;
  for (const part of path) {
    let next: Node | undefined;
    if (typeof part === 'number') {
      next = node.type === 'array' ? node.children?.[part] : undefined;
    } else if (node.type === 'object') {
      const spellings = [part, ...(KEY_SPELLINGS[part] ?? []), ...(EXTRA_SPELLINGS[part] ?? [])];
      for (const spelling of spellings) {
        next = findNodeAtLocation(node, [spelling]);
        if (next) break;
      }
    }
    if (!next) return node;
    node = next;
  }
  return node;
}

function invalid(text: string, file: string, tree: Node, issues: ConfigIssue[]): RouterError {
  const located = issues.map((issue) => ({ issue, ...lineAndColumn(text, locate(tree, issue.path).offset) }));
  const first = located[0];
  if (!first) throw new Error('invalid() needs at least one issue');
  const details = located.map((l) => `${file}:${l.line}:${l.column}: ${formatIssue(l.issue)}`);
  const more = located.length > 1 ? ` (and ${located.length - 1} more problem${located.length > 2 ? 's' : ''})` : '';
  return new RouterError('CONFIG_INVALID', `invalid config ${details[0]}${more}`, {
    file,
    path: formatPath(first.issue.path),
    line: first.line,
    column: first.column,
    details,
  });
}

/** Parses and fully validates config text. `file` is only used in messages. */
export function parseConfigText(text: string, file: string): Config {
  if (text.trim() === '') {
    throw new RouterError('CONFIG_PARSE', `config file ${file} is empty; restore it from ~/.llm-router/backups/ or delete it to start afresh`, { file });
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const firstError = errors[0];
  if (firstError || !tree) {
    const at = lineAndColumn(text, firstError?.offset ?? 0);
    const what = firstError ? (PARSE_ERROR_TEXT[printParseErrorCode(firstError.error)] ?? printParseErrorCode(firstError.error)) : 'not JSON';
    throw new RouterError('CONFIG_PARSE', `config file ${file}:${at.line}:${at.column} is not valid JSON: ${what}`, { file, ...at });
  }
  const raw: unknown = JSON.parse(text);
  if (!isObject(raw)) throw invalid(text, file, tree, [{ path: [], message: 'the config must be a JSON object' }]);
  const { value, issues } = normalizeConfig(raw);
  if (issues.length > 0) throw invalid(text, file, tree, issues);
  if (typeof value.version === 'number' && value.version > CURRENT_CONFIG_VERSION) {
    throw new RouterError(
      'CONFIG_TOO_NEW',
      `config file ${file} has schema version ${value.version}; this llm-router understands up to version ${CURRENT_CONFIG_VERSION}. Upgrade llm-router.`,
      { file, path: 'version' },
    );
  }
  return checkConfig(value, (found) => invalid(text, file, tree, found));
}

/**
 * Schema + cross-field validation of an in-memory config. On problems, calls `fail` to
 * build the error to throw. The returned object is `value` itself (key order kept).
 */
export function checkConfig(value: unknown, fail: (issues: ConfigIssue[]) => Error): Config {
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    throw fail(parsed.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), message: i.message })));
  }
  const config = value as Config;
  const issues = validateConfig(config);
  if (issues.length > 0) throw fail(issues);
  return config;
}
