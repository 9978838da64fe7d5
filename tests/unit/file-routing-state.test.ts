import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileState } from '../../src/gateway/node/file-routing-state.js';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'llm-router-state-'));
  path = join(dir, 'state.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('file routing state', () => {
  it('survives a restart: cursors, health, live bucket counts and latency come back; expired counts do not', async () => {
    const now = 1_763_900_000_000;
    const first = await openFileState({ path, now: () => now });
    first.setCursor('alias:coding@openai-chat#primary', { 'a/m': -2, 'b/m': 2 });
    first.setHealth('a/m', { consecutiveFailures: 1, cooldownUntil: now + 60_000, circuitOpenUntil: 0 });
    first.addToBucket('bucket:a:cap', 'minute:1:x', 3, now + 30_000);
    first.addToBucket('bucket:a:old', 'minute:1:y', 5, now - 1);
    first.recordLatency('a/m', 120);
    await first.close();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const second = await openFileState({ path, now: () => now + 1_000 });
    expect(second.getCursor('alias:coding@openai-chat#primary')).toEqual({ 'a/m': -2, 'b/m': 2 });
    expect(second.getHealth('a/m')).toMatchObject({ cooldownUntil: now + 60_000 });
    expect(second.bucketCount('bucket:a:cap', 'minute:1:x')).toBe(3);
    expect(second.bucketCount('bucket:a:old', 'minute:1:y')).toBe(0);
    expect(second.getLatency('a/m')).toBe(120);
  });

  it('debounces: many changes make one snapshot write', async () => {
    const writes: string[] = [];
    const state = await openFileState({ path, debounceMs: 30, write: async (_p, text) => void writes.push(text) });
    for (let i = 0; i < 500; i += 1) state.addToBucket('b', 'w', 1, Date.now() + 60_000);
    expect(writes).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(writes).toHaveLength(1);
    expect(JSON.parse(writes[0]!).buckets['b\u0000w'].count).toBe(500);
  });

  it('sets a corrupt file aside and starts fresh', async () => {
    await writeFile(path, '{not json');
    const warnings: string[] = [];
    const state = await openFileState({ path, now: () => 42, warn: (m) => warnings.push(m) });
    expect(state.getCursor('x')).toBeUndefined();
    expect(await readdir(dir)).toContain('state.json.corrupt-42');
    expect(warnings[0]).toMatch(/unreadable/);
    state.setCursor('x', { n: 1 });
    await state.close();
    expect(JSON.parse(await readFile(path, 'utf8')).cursors).toEqual({ x: { n: 1 } });
  });
});
