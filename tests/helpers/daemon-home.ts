/** A temporary HOME with a config in front of the fake provider and (on demand) a real detached daemon. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from './cli.js';
import { startFakeProvider, type FakeProvider } from './fake-provider.js';
import { freePort } from './free-port.js';

export interface DaemonHome {
  t: TempHome;
  fake: FakeProvider;
  port: number;
  url: string;
  start(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeDaemonHome(config: (fakeUrl: string) => unknown): Promise<DaemonHome> {
  const t = await makeTempHome();
  const fake = await startFakeProvider();
  const port = await freePort();
  const pids: number[] = [];
  await t.writeConfig(config(fake.url));
  return {
    t,
    fake,
    port,
    url: `http://127.0.0.1:${port}`,
    async start() {
      const r = await t.run(['start', `--port=${port}`]);
      if (r.exitCode !== 0) throw new Error(`start failed: ${r.stderr}`);
      pids.push(JSON.parse(await readFile(join(t.home, '.llm-router', 'daemon.pid'), 'utf8')).pid as number);
    },
    async cleanup() {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await fake.close();
      await t.cleanup();
    },
  };
}

export const MASTER_KEY = 'gw_test-master-key-0123456789abcdefXYZ';

/** One OpenAI-format and one Anthropic-format provider on the fake, an alias, a master key. */
export function fakeProviderConfig(fakeUrl: string, extra: Record<string, unknown> = {}) {
  return {
    version: 2,
    masterKey: MASTER_KEY,
    providers: [
      { id: 'oa', baseUrl: `${fakeUrl}/v1`, apiKey: 'sk-oa-upstream-secret-123456', format: 'openai', models: ['ok', 'fail-500'] },
      { id: 'an', baseUrl: fakeUrl, apiKey: 'sk-an-upstream-secret-123456', format: 'claude', models: ['ok'] },
    ],
    modelAliases: { coding: { strategy: 'ordered', targets: [{ ref: 'oa/ok' }] }, broken: { strategy: 'ordered', targets: [{ ref: 'oa/fail-500' }] } },
    defaultModel: 'coding',
    ...extra,
  };
}
