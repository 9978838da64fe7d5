/** Where the CLI writes, and whether it may colour (a TTY, and no NO_COLOR / --no-color). */
import pc from 'picocolors';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
  stdinIsTTY: boolean;
}

export type Colors = ReturnType<typeof pc.createColors>;

export function colorsFor(stream: OutStream, env: NodeJS.ProcessEnv, flags: Readonly<Record<string, unknown>>): Colors {
  const noColor = (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || flags['no-color'] === true || flags.color === 'false';
  return pc.createColors(stream.isTTY === true && !noColor);
}

export function writeLines(stream: OutStream, lines: readonly string[]): void {
  if (lines.length > 0) stream.write(`${lines.join('\n')}\n`);
}
