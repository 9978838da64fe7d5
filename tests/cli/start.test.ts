/** `llm-router start` as a user runs it: a real process, a temporary HOME. */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, makeTempHome, type TempHome } from '../helpers/cli.js';

let t: TempHome;
beforeEach(async () => {
  t = await makeTempHome();
});
afterEach(() => t.cleanup());

function startGateway(args: string[] = []) {
  const child = execa(process.execPath, [BIN, 'start', '--foreground', '--port=0', ...args], {
    env: { HOME: t.home, NO_COLOR: '1', PATH: process.env.PATH ?? '' },
    extendEnv: false,
    reject: false,
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    void child.then((r) => reject(new Error(`start exited early: ${r.stderr}`)));
  });
  return { child, url };
}

describe('llm-router start', () => {
  it('starts with no config, answers /health, says what to do next, and stops cleanly on SIGTERM', async () => {
    const { child, url } = startGateway();
    const base = await url;
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ status: 'ok' });
    const res = await fetch(`${base}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":"x","max_tokens":1,"messages":[]}',
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).error.message).toContain('--operation=upsert-provider');
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('No providers yet');
    expect(result.stdout).toContain('ANTHROPIC_BASE_URL=http://127.0.0.1:');
    expect(result.stdout).toContain('llm-router stopped.');
  });

  it('keeps routing state in ~/.llm-router/state.json across a stop', async () => {
    await t.writeConfig({ version: 2, providers: [{ id: 'down', baseUrl: 'http://127.0.0.1:9/v1', format: 'openai', models: ['m'] }], modelAliases: {} });
    const { child, url } = startGateway();
    const base = await url;
    const res = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":"down/m","messages":[]}',
    });
    expect(res.status).toBe(502);
    child.kill('SIGTERM');
    expect((await child).exitCode).toBe(0);
    const state = JSON.parse(await readFile(join(t.home, '.llm-router', 'state.json'), 'utf8'));
    expect(state.version).toBe(1);
    expect(state.health['down/m']).toMatchObject({ lastCategory: 'network_error' });
  });

  it('names the port when it is already in use (exit 1) and never touches the other process', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const r = await t.run(['start', '--foreground', `--port=${port}`]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(blocker.listening).toBe(true);
    blocker.close();
  });

  it('refuses a non-loopback host without a master key (exit 2), and bad flags', async () => {
    const r = await t.run(['start', '--host=0.0.0.0', '--port=0']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('refusing to listen on 0.0.0.0 without a master key');
    expect((await t.run(['start', '--port=99999'])).stderr).toContain('--port must be a whole number from 0 to 65535');
    expect((await t.run(['start', '--prot=1'])).exitCode).toBe(2);
  });
});
