/**
 * The real Claude Code CLI (2.1.197, a pinned devDependency) through the gateway, doing a
 * real tool loop against the scripted model in every upstream format: the model asks
 * Bash to write a token into a file, Claude Code runs it, the model answers with what the
 * tool printed. Exit 0, the file, the final text, and the tool-call ids back in order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 120_000 });
import { FORMATS } from '../../src/config/schema.js';
import { runClaude, startRig, type Rig } from './harness.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(() => rig?.close());

const UPSTREAMS = [
  ['Anthropic (passthrough)', 'an/scripted-claude', 'claude'],
  ['OpenAI Chat (translated)', 'oa/scripted-gpt', 'openai'],
  ['OpenAI Responses (translated)', 'rs/scripted-codex', 'responses'],
] as const;

describe.each(UPSTREAMS)('Claude Code -> %s', (_name, model, format) => {
  it.skipIf(!(FORMATS as readonly string[]).includes(format))('completes a Bash tool loop', async () => {
    const token = randomBytes(5).toString('hex');
    const issuedBefore = rig.model.issued.length;
    const run = await runClaude(rig, model, `Please run the shell. TOKEN=${token} FILE=out.txt`);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(readFileSync(join(run.dir, 'out.txt'), 'utf8')).toBe(`${token}-1`);
    expect(run.stdout).toContain(`I saw: ${token}-1`);
    const issued = rig.model.issued.slice(issuedBefore);
    expect(issued).toHaveLength(1);
    expect(rig.model.returned).toContain(issued[0]);
  });

  it.skipIf(!(FORMATS as readonly string[]).includes(format))('runs two parallel tool calls whose arguments arrive in 1-3 character deltas', async () => {
    const token = randomBytes(5).toString('hex');
    const issuedBefore = rig.model.issued.length;
    const run = await runClaude(rig, model, `Please run the shell twice. PARALLEL TOKEN=${token} FILE=p.txt`);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(readFileSync(join(run.dir, 'p.txt'), 'utf8')).toBe(`${token}-1`);
    expect(existsSync(join(run.dir, 'p.txt.2')) && readFileSync(join(run.dir, 'p.txt.2'), 'utf8')).toBe(`${token}-2`);
    expect(run.stdout).toMatch(new RegExp(`I saw: .*${token}-1.*${token}-2|I saw: .*${token}-2.*${token}-1`));
    const issued = rig.model.issued.slice(issuedBefore);
    expect(issued).toHaveLength(2);
    for (const id of issued) expect(rig.model.returned).toContain(id);
  });
});
