/**
 * The embedded default routing state: in memory, loaded once from
 * `~/.llm-router/state.json`, and saved as a debounced atomic snapshot (not a rewrite per
 * request), plus once more on shutdown. A corrupt file is set aside, never fatal.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomically } from '../../config/save.js';
import { createMemoryState, type MemoryState, type StateSnapshot } from '../../routing/state/routing-state.js';

export interface FileStateOptions {
  path: string;
  debounceMs?: number;
  now?: () => number;
  write?: (path: string, text: string) => Promise<void>;
  warn?: (message: string) => void;
}

export interface FileState extends MemoryState {
  flush(): Promise<void>;
  close(): Promise<void>;
}

const VERSION = 1;

async function load(path: string, warn: (m: string) => void, now: number): Promise<StateSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const data = JSON.parse(text) as StateSnapshot & { version?: number };
    if (data.version !== VERSION || typeof data.cursors !== 'object') throw new Error(`unsupported state version ${String(data.version)}`);
    return data;
  } catch (err) {
    const aside = `${path}.corrupt-${now}`;
    await rename(path, aside).catch(() => undefined);
    warn(`routing state ${path} was unreadable (${(err as Error).message}); moved to ${aside} and starting fresh`);
    return undefined;
  }
}

export async function openFileState(options: FileStateOptions): Promise<FileState> {
  const now = options.now ?? Date.now;
  const write = options.write ?? ((path, text) => writeFileAtomically(path, text));
  const debounceMs = options.debounceMs ?? 1_000;
  await mkdir(dirname(options.path), { recursive: true, mode: 0o700 });
  const memory = createMemoryState();
  const snapshot = await load(options.path, options.warn ?? (() => undefined), now());
  if (snapshot) memory.restore(snapshot, now());
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return writing;
    dirty = false;
    memory.prune(now());
    const text = `${JSON.stringify({ version: VERSION, savedAt: new Date(now()).toISOString(), ...memory.snapshot() })}\n`;
    writing = writing
      .then(() => write(options.path, text))
      .catch((err: unknown) => {
        dirty = true;
        options.warn?.(`cannot save routing state to ${options.path}: ${(err as Error).message}`);
      });
    return writing;
  };
  memory.onChange = () => {
    dirty = true;
    if (!timer) timer = setTimeout(() => void flush(), debounceMs).unref();
  };
  return Object.assign(memory, { flush, close: flush });
}
