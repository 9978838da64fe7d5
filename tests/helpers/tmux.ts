/**
 * A real terminal for TUI tests: one private tmux server per session (`-L name`), its
 * screen as text, keys, and waiting for text. Calls are asynchronous so a test can drive
 * load from the same process while it watches the screen. Without tmux the tests skip,
 * unless LLM_ROUTER_REQUIRE_TMUX is set (CI), which makes a missing tmux an error.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** Throws when tmux is required but missing; returns whether the tmux tests can run. */
export function tmuxAvailable(what: string): boolean {
  if (!hasTmux && process.env.LLM_ROUTER_REQUIRE_TMUX) throw new Error(`tmux is required for ${what} (LLM_ROUTER_REQUIRE_TMUX is set) but is not installed`);
  return hasTmux;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TmuxSession {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  tmux(...args: string[]): Promise<string>;
  /** The visible screen, one string per terminal row joined by newlines. */
  screen(): Promise<string>;
  /** The screen with wrapped rows joined back (`capture-pane -J`): a too-wide line shows as one long line. */
  joinedScreen(): Promise<string>;
  /** Polls until the screen contains `text`; returns that screen. */
  waitFor(text: string | RegExp, ms?: number, pollMs?: number): Promise<string>;
  /** Sends tmux key names (Enter, Escape, Down, q...), then lets the app redraw. */
  keys(...keys: string[]): Promise<void>;
  /** Sends text literally, in one chunk. */
  literal(text: string): Promise<void>;
  /** The pid of the process the pane runs (the shell of `command`). */
  panePid(): Promise<number>;
  kill(): void;
}

export async function startTmux(name: string, command: string, size: { width?: number; height?: number } = {}): Promise<TmuxSession> {
  const width = size.width ?? 80;
  const height = size.height ?? 24;
  const tmux = async (...args: string[]) => (await run('tmux', ['-L', name, ...args], { encoding: 'utf8' })).stdout;
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  const session: TmuxSession = {
    name,
    width,
    height,
    tmux,
    screen,
    joinedScreen: () => tmux('capture-pane', '-p', '-J', '-t', name),
    async waitFor(text, ms = 8000, pollMs = 25) {
      const end = Date.now() + ms;
      for (;;) {
        const s = await screen();
        if (typeof text === 'string' ? s.includes(text) : text.test(s)) return s;
        if (Date.now() > end) throw new Error(`timed out waiting for ${String(text)}; the terminal shows:\n${s}`);
        await sleep(pollMs);
      }
    },
    async keys(...keys) {
      await tmux('send-keys', '-t', name, ...keys);
      await sleep(250);
    },
    async literal(text) {
      await tmux('send-keys', '-t', name, '-l', text);
    },
    async panePid() {
      return Number((await tmux('display-message', '-p', '-t', name, '#{pane_pid}')).trim());
    },
    kill: () => void spawnSync('tmux', ['-L', name, 'kill-server']),
  };
  await tmux('new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), command);
  return session;
}

/** The first child of `pid` (the program a pane's shell runs), or undefined. */
export function childPid(pid: number): number | undefined {
  const out = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.trim();
  const first = Number(out.split('\n')[0]);
  return Number.isInteger(first) && first > 0 ? first : undefined;
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  const hz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return ticks / hz;
}

/** Bytes a process has written so far (all fds; for a TUI that is almost all terminal output), from /proc/<pid>/io. */
export function bytesWritten(pid: number): number {
  return Number(/^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? NaN);
}
