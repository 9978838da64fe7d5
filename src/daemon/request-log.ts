/**
 * The request log, `~/.llm-router/requests.jsonl`: one JSON line per model request,
 * buffered and written off the request path (a flush every 200 ms or 256 KiB, appended
 * through one open file), rotated to `requests.jsonl.1` past `maxBytes`. A stalled disk
 * never grows memory without bound: past `maxBuffered` lines the oldest are dropped and
 * counted in the next line written.
 */
import { open, rename, stat, type FileHandle } from 'node:fs/promises';

export interface RequestLogOptions {
  path: string;
  maxBytes?: number;
  flushMs?: number;
  maxBuffered?: number;
  warn?: (message: string) => void;
}

export interface RequestLog {
  write(record: object): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const FLUSH_BYTES = 64 * 1024;

export async function openRequestLog(options: RequestLogOptions): Promise<RequestLog> {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const flushMs = options.flushMs ?? 50;
  const maxBuffered = options.maxBuffered ?? 20_000;
  let file: FileHandle = await open(options.path, 'a', 0o600);
  let size = (await stat(options.path)).size;
  let lines: string[] = [];
  let bufferedBytes = 0;
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let failed = false;

  const rotate = async () => {
    await file.close();
    await rename(options.path, `${options.path}.1`);
    file = await open(options.path, 'a', 0o600);
    size = 0;
  };
  const drain = async (batch: string[]) => {
    try {
      const text = batch.join('');
      if (size > 0 && size + Buffer.byteLength(text) > maxBytes) await rotate();
      await file.write(text);
      size += Buffer.byteLength(text);
      failed = false;
    } catch (err) {
      if (!failed) options.warn?.(`cannot write the request log ${options.path}: ${(err as Error).message}`);
      failed = true;
    }
  };
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (lines.length === 0) return writing;
    const batch = lines;
    if (dropped > 0) batch.push(`${JSON.stringify({ time: new Date().toISOString(), dropped, note: 'request log lines dropped while the disk was slow' })}\n`);
    lines = [];
    bufferedBytes = 0;
    dropped = 0;
    writing = writing.then(() => drain(batch));
    return writing;
  };
  return {
    write(record) {
      const line = `${JSON.stringify(record)}\n`;
      lines.push(line);
      bufferedBytes += line.length;
      if (lines.length > maxBuffered) {
        lines.shift();
        dropped += 1;
      }
      if (bufferedBytes >= FLUSH_BYTES) void flush();
      else if (!timer) timer = setTimeout(() => void flush(), flushMs).unref();
    },
    flush,
    async close() {
      await flush();
      await file.close().catch(() => undefined);
    },
  };
}
