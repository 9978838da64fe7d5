/**
 * Drives the TUI in-process with ink-testing-library against a real config file in a
 * temporary directory (saves go through the real operations layer) and a fake daemon.
 * Keys follow the pattern that keeps Ink tests deterministic: send, wait until the
 * frame changes (or shows what is expected), then until it has been still for 60 ms.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import type { DaemonClient } from '../../src/daemon/daemon-client.js';
import type { ReloadResult, RequestRecord, StatsReply } from '../../src/daemon/protocol.js';
import { App } from '../../src/tui/App.js';
import { memoryPrefs, type TuiServices } from '../../src/tui/services.js';

export const KEY = { enter: '\r', down: '\u001B[B', up: '\u001B[A', esc: '\u001B', space: ' ' } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A running daemon as the home screen shows it. */
export const runningStats = (): StatsReply => ({
  pid: 777,
  missingKeyEnv: [],
  state: { backend: 'file', path: '/home/u/.llm-router/state.json' },
  host: '127.0.0.1',
  port: 8787,
  uptimeSeconds: 125,
  startupService: false,
  version: '0.1.0',
  configPath: '/x',
  lastReload: { at: '2026-11-24T10:00:00.000Z', ok: true },
  counters: { openai: { requests: 12, errors: 1 } },
  health: {},
  buckets: [{ providerId: 'openai', bucketId: 'per-minute', used: 30, limit: 40, windowEnd: '2026-11-24T10:01:00.000Z' }],
});

export interface FakeDaemon extends DaemonClient {
  calls: string[];
  current: StatsReply | undefined;
  nextReload: ReloadResult;
  /** Records the fake daemon has "served": the subscription gets these first. */
  recent: RequestRecord[];
  /** Sends records to the live subscribers (the Traffic screen). */
  emit(records: RequestRecord[]): void;
}

export function fakeDaemon(stats?: StatsReply): FakeDaemon {
  const d: FakeDaemon = {
    calls: [],
    current: stats,
    nextReload: { at: '2026-11-24T10:00:00.000Z', ok: true },
    stats: async () => d.current,
    status: async () => d.current,
    start: async () => {
      d.calls.push('start');
      return { pid: 4242, host: '127.0.0.1', port: 8787, alreadyRunning: false };
    },
    stop: async () => {
      d.calls.push('stop');
      const pid = d.current?.pid;
      d.current = undefined;
      return pid;
    },
    reload: async () => {
      d.calls.push('reload');
      return d.current ? d.nextReload : undefined;
    },
    recent: [],
    emit: (records) => {
      d.recent.push(...records);
      for (const listener of listeners) listener(records);
    },
    subscribeRequests: async (onRecords) => {
      if (!d.current) return undefined;
      d.calls.push('subscribe');
      listeners.add(onRecords);
      if (d.recent.length > 0) onRecords([...d.recent]);
      return { close: () => listeners.delete(onRecords) };
    },
  };
  const listeners = new Set<(records: RequestRecord[]) => void>();
  return d;
}

export interface Harness {
  configPath: string;
  /** The temporary HOME (and project directory) the TUI runs in. */
  dir: string;
  daemon: FakeDaemon;
  frame(): string;
  /** Sends a key (or text) and waits for the frame to change, or to contain `expect`. */
  press(key: string, expect?: string | RegExp): Promise<void>;
  type(text: string, expect?: string | RegExp): Promise<void>;
  waitFor(expect: string | RegExp, ms?: number): Promise<void>;
  config(): Promise<any>;
  done(): Promise<void>;
}

export interface StartOptions {
  config?: unknown;
  stats?: StatsReply;
  expectError?: boolean;
  /** Extra environment (HOME is the temporary directory). */
  env?: Record<string, string>;
  /** Services to replace (e.g. a fake deployApi). */
  services?: Partial<TuiServices>;
}

export async function startTui(options: StartOptions = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'llm-router-tui-'));
  const configPath = join(dir, '.llm-router.json');
  if (options.config) await writeFile(configPath, JSON.stringify(options.config, null, 2), { mode: 0o600 });
  const daemon = fakeDaemon(options.stats);
  const services: TuiServices = {
    configPath,
    env: { HOME: dir, ...options.env },
    cwd: dir,
    daemon,
    prefs: memoryPrefs({ seenHelp: true }),
    pollMs: 200,
    color: false,
    probeRpm: 6000,
    ...options.services,
  };
  const r = render(<App services={services} />);
  const frame = () => r.lastFrame() ?? '';
  const matches = (expect: string | RegExp) => (typeof expect === 'string' ? frame().includes(expect) : expect.test(frame()));
  const waitFor = async (expect: string | RegExp, ms = 4000) => {
    const end = Date.now() + ms;
    while (!matches(expect)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${String(expect)}; the screen shows:\n${frame()}`);
      await sleep(5);
    }
  };
  // Ink re-subscribes key handlers after each redraw; wait until the screen is still for a moment.
  const settle = async () => {
    let last = frame();
    let stableSince = Date.now();
    const end = Date.now() + 1500;
    while (Date.now() - stableSince < 60 && Date.now() < end) {
      await sleep(10);
      if (frame() !== last) {
        last = frame();
        stableSince = Date.now();
      }
    }
  };
  const press = async (key: string, expect?: string | RegExp) => {
    const before = frame();
    r.stdin.write(key);
    if (expect !== undefined) await waitFor(expect);
    else {
      const end = Date.now() + 2000;
      while (frame() === before && Date.now() < end) await sleep(5);
    }
    await settle();
  };
  const h: Harness = {
    configPath,
    dir,
    daemon,
    frame,
    press,
    type: (text, expect) => press(text, expect ?? text),
    waitFor,
    config: async () => JSON.parse(await readFile(configPath, 'utf8')),
    done: async () => {
      r.unmount();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await waitFor(options.expectError ? 'Cannot use' : 'Providers (');
  await settle();
  return h;
}

export const twoProviders = () => ({
  version: 2,
  providers: [
    {
      id: 'openai',
      name: 'OpenAI',
      baseUrl: 'https://api.openai.com/v1',
      format: 'openai',
      apiKey: 'sk-openai-secret-1234',
      models: [{ id: 'gpt-4.1' }, { id: 'gpt-4.1-mini' }],
    },
    {
      id: 'anthropic',
      name: 'Anthropic',
      baseUrl: 'https://api.anthropic.com',
      format: 'claude',
      apiKeyEnv: 'ANTHROPIC_API_KEY',
      models: [{ id: 'claude-sonnet-4' }],
    },
  ],
});
