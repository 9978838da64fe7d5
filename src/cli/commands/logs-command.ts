/**
 * `llm-router logs [--follow] [--since=DUR] [--json] [--model=M] [--provider=P] [--status=5xx] [--limit=N]`:
 * the request log, oldest first (the last 50 unless --since or --limit). --follow keeps
 * printing new requests as the daemon writes them, across rotations, until Ctrl+C.
 */
import { open, stat } from 'node:fs/promises';
import { RouterError } from '../../errors/router-error.js';
import { stringFlag as flag, type RawFlags } from '../../config/operations/flags-to-input.js';
import { daemonPaths } from '../../daemon/paths.js';
import type { RequestRecord } from '../../gateway/core/observe/request-record.js';
import { writeLines, type Io } from '../io.js';
import { formatRecord } from '../observe/format-record.js';
import { matches, parseLines, parseSince, parseStatusFilter, readRecords, type RecordFilter } from '../observe/read-records.js';
import { rejectUnknownFlags } from './start-options.js';

const KNOWN = ['follow', 'since', 'model', 'provider', 'status', 'limit'];

export function recordFilter(flags: RawFlags): RecordFilter {
  const filter: RecordFilter = {};
  const since = flag(flags, 'since');
  if (since !== undefined) filter.since = parseSince(since);
  const model = flag(flags, 'model');
  if (model) filter.model = model;
  const provider = flag(flags, 'provider');
  if (provider) filter.provider = provider;
  const status = flag(flags, 'status');
  if (status) filter.status = parseStatusFilter(status);
  return filter;
}

export async function runLogsCommand(flags: RawFlags, io: Io): Promise<number> {
  rejectUnknownFlags(flags, KNOWN, 'logs');
  const filter = recordFilter(flags);
  const limitText = flag(flags, 'limit');
  const limit = limitText === undefined ? (filter.since === undefined ? 50 : Infinity) : Number(limitText);
  if (!(limit > 0)) throw new RouterError('USAGE', `--limit must be a whole number > 0, got ${JSON.stringify(limitText)}`);
  const path = daemonPaths(io.env).requests;
  const json = flags.json === true;
  const print = (records: RequestRecord[]) => {
    if (json) for (const r of records) io.stdout.write(`${JSON.stringify(r)}\n`);
    else writeLines(io.stdout, records.map(formatRecord));
  };
  const records = await readRecords(path, filter);
  if (records.length === 0 && flags.follow !== true && !json) {
    writeLines(io.stdout, [`No requests logged${Object.keys(filter).length ? ' that match' : ''} (${path}).`]);
    return 0;
  }
  print(records.slice(-limit));
  if (flags.follow === true) await follow(path, filter, print);
  return 0;
}

/** Prints what is appended to the log from now on; starts over when the file is rotated. */
async function follow(path: string, filter: RecordFilter, print: (records: RequestRecord[]) => void): Promise<void> {
  let offset = (await stat(path).catch(() => ({ size: 0 }))).size;
  let carry = '';
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  while (!stopped) {
    await new Promise((r) => setTimeout(r, 250));
    const size = (await stat(path).catch(() => ({ size: 0 }))).size;
    if (size < offset) offset = 0; // rotated
    if (size === offset) continue;
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(size - offset);
      await file.read(buffer, 0, buffer.length, offset);
      offset = size;
      const text = carry + buffer.toString('utf8');
      const end = text.lastIndexOf('\n');
      carry = text.slice(end + 1);
      print(parseLines(text.slice(0, end + 1)).filter((r) => matches(r, filter)));
    } finally {
      await file.close();
    }
  }
}
