/** The request log writer: buffered lines, rotation past the size limit, bounded memory when the disk stalls. */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRequestLog } from '../../src/daemon/request-log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'llmr-reqlog-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('request log writer', () => {
  it('appends one JSON line per record, 0600, flushed on close', async () => {
    const path = join(dir, 'requests.jsonl');
    const log = await openRequestLog({ path });
    for (let i = 0; i < 3; i += 1) log.write({ id: `r${i}` });
    await log.close();
    expect((await readFile(path, 'utf8')).split('\n')).toEqual(['{"id":"r0"}', '{"id":"r1"}', '{"id":"r2"}', '']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const again = await openRequestLog({ path });
    again.write({ id: 'r3' });
    await again.close();
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(4);
  });

  it('rotates to .1 past maxBytes, keeping whole lines', async () => {
    const path = join(dir, 'requests.jsonl');
    const log = await openRequestLog({ path, maxBytes: 1_000 });
    for (let i = 0; i < 40; i += 1) {
      log.write({ id: `r${i}`, pad: 'x'.repeat(80) });
      await log.flush();
    }
    await log.close();
    const current = (await readFile(path, 'utf8')).trim().split('\n');
    const rotated = (await readFile(`${path}.1`, 'utf8')).trim().split('\n');
    expect((await stat(path)).size).toBeLessThanOrEqual(1_000);
    for (const line of [...rotated, ...current]) expect(JSON.parse(line).pad).toHaveLength(80);
    expect(current.at(-1)).toContain('"r39"');
  });

  it('keeps memory bounded while the disk is behind: the oldest waiting lines are dropped and counted', async () => {
    const path = join(dir, 'requests.jsonl');
    // Lines this long are batches of their own; while the first is being written, the others wait.
    const pad = 'x'.repeat(50_000);
    const log = await openRequestLog({ path, maxBufferedBytes: 120_000 });
    for (let i = 0; i < 8; i += 1) log.write({ id: `r${i}`, pad });
    await log.close();
    const lines = (await readFile(path, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id ?? `dropped ${l.dropped}`)).toEqual(['r0', 'dropped 5', 'r6', 'r7']);
  });

  it('writes lines of any size and characters whole, in order, across buffers and flushes', async () => {
    const path = join(dir, 'requests.jsonl');
    const log = await openRequestLog({ path, flushMs: 1 });
    const written: object[] = [];
    for (let i = 0; i < 3_000; i += 1) {
      const record = { id: `r${i}`, text: i % 500 === 0 ? '世界🎉'.repeat(20_000) : `héllo ${'y'.repeat(i % 300)}` };
      written.push(record);
      log.write(record);
      if (i % 700 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await log.close();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(written);
  });
});
