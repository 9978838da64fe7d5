/** Paths into the config (`providers[0].models[2].id`), for messages and line lookup. */
export type ConfigPath = readonly (string | number)[];

export interface ConfigIssue {
  path: ConfigPath;
  message: string;
}

export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(root)' : out;
}

export function formatIssue(issue: ConfigIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}
