/**
 * The request log, `~/.llm-router/requests.jsonl`: one JSON line per model request,
 * written off the request path, appended through one open file, rotated to
 * `requests.jsonl.1` past `maxBytes`.
 *
 * Each line is encoded into a byte buffer as it is written (its string dies young, and
 * what waits for the disk lives outside the JS heap), and the buffer goes to the file
 * every `flushMs` or once it holds 64 KiB, by one writer at a time. A stalled disk never
 * grows memory without bound: past `maxBufferedBytes` waiting, the oldest waiting lines
 * are dropped and counted in the next line written.
 */
import { open, rename, stat, type FileHandle } from 'node:fs/promises';

export interface RequestLogOptions {
  path: string;
  maxBytes?: number;
  flushMs?: number;
  /** Bytes of lines waiting for the disk before the oldest are dropped (default 8 MiB). */
  maxBufferedBytes?: number;
  warn?: (message: string) => void;
}

export interface RequestLog {
  write(record: object): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const FLUSH_BYTES = 64 * 1024;
/** A buffer's size: a line longer than a third of it (a UTF-8 character takes up to 3 bytes per UTF-16 unit) gets its own. */
const CAPACITY = 128 * 1024;

/** Lines encoded and waiting for the disk. */
interface Batch {
  bytes: Uint8Array;
  lines: number;
}

export async function openRequestLog(options: RequestLogOptions): Promise<RequestLog> {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const flushMs = options.flushMs ?? 50;
  const maxBufferedBytes = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  let file: FileHandle = await open(options.path, 'a', 0o600);
  let size = (await stat(options.path)).size;
  const buffer = Buffer.allocUnsafe(CAPACITY);
  let used = 0;
  let lines = 0;
  const waiting: Batch[] = [];
  let waitingBytes = 0;
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let failed = false;

  const rotate = async () => {
    await file.close();
    await rename(options.path, `${options.path}.1`);
    file = await open(options.path, 'a', 0o600);
    size = 0;
  };
  const append = async (bytes: Uint8Array) => {
    try {
      if (size > 0 && size + bytes.length > maxBytes) await rotate();
      await file.write(bytes);
      size += bytes.length;
      failed = false;
    } catch (err) {
      if (!failed) options.warn?.(`cannot write the request log ${options.path}: ${(err as Error).message}`);
      failed = true;
    }
  };
  const enqueue = (batch: Batch) => {
    waiting.push(batch);
    waitingBytes += batch.bytes.length;
    // The disk is not keeping up: the oldest lines go (the newest say more about now).
    while (waitingBytes > maxBufferedBytes && waiting.length > 1) {
      const old = waiting.shift()!;
      waitingBytes -= old.bytes.length;
      dropped += old.lines;
    }
  };
  /** The lines encoded so far join the queue as a copy of their own size; the buffer takes the next ones. */
  const seal = () => {
    if (used === 0) return;
    enqueue({ bytes: Buffer.from(buffer.subarray(0, used)), lines });
    used = 0;
    lines = 0;
  };
  /** Writes what waits, oldest first, until nothing does; started only when something waits (so it awaits before it ends). */
  const drain = async () => {
    while (waiting.length > 0) {
      const batch = waiting.shift()!;
      waitingBytes -= batch.bytes.length;
      if (dropped > 0) {
        const note = { time: new Date().toISOString(), dropped, note: 'request log lines dropped while the disk was slow' };
        dropped = 0;
        await append(Buffer.from(`${JSON.stringify(note)}\n`));
      }
      await append(batch.bytes);
    }
    writing = undefined;
  };
  /** Everything written so far is on its way; the promise settles once the queue is empty. */
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    seal();
    if (!writing && waiting.length > 0) writing = drain();
    return writing ?? Promise.resolve();
  };
  return {
    write(record) {
      const line = `${JSON.stringify(record)}\n`;
      if (line.length * 3 > CAPACITY - used) {
        seal();
        if (line.length * 3 > CAPACITY) {
          enqueue({ bytes: Buffer.from(line), lines: 1 });
          void flush();
          return;
        }
      }
      used += buffer.write(line, used, 'utf8');
      lines += 1;
      if (used >= FLUSH_BYTES) void flush();
      else timer ??= setTimeout(() => void flush(), flushMs).unref();
    },
    flush,
    async close() {
      await flush();
      await file.close().catch(() => undefined);
    },
  };
}
