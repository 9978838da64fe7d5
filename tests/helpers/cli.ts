/** Drives the built CLI as a user would: a real process, a temporary HOME, no colour. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const BIN = fileURLToPath(new URL('../../dist/llm-router.js', import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface TempHome {
  home: string;
  configPath: string;
  run(args: readonly string[], env?: Record<string, string>, options?: { cwd?: string }): Promise<CliResult>;
  readConfigText(): Promise<string>;
  readConfigJson(): Promise<any>;
  writeConfig(value: unknown): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeTempHome(): Promise<TempHome> {
  const home = await mkdtemp(join(tmpdir(), 'llm-router-test-'));
  const configPath = join(home, '.llm-router.json');
  return {
    home,
    configPath,
    async run(args, env = {}, options = {}) {
      const result = await execa(process.execPath, [BIN, ...args], {
        ...(options.cwd ? { cwd: options.cwd } : {}),
        env: { HOME: home, NO_COLOR: '1', PATH: process.env.PATH ?? '', ...env },
        extendEnv: false,
        reject: false,
        timeout: 20_000,
      });
      return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
    },
    readConfigText: () => readFile(configPath, 'utf8'),
    async readConfigJson() {
      return JSON.parse(await readFile(configPath, 'utf8'));
    },
    async writeConfig(value) {
      await writeFile(configPath, typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    },
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}

/** Flags for a typical provider; override any with `extra`. */
export function providerArgs(id: string, extra: readonly string[] = []): string[] {
  return [
    'config',
    '--operation=upsert-provider',
    `--provider-id=${id}`,
    `--base-url=https://${id.toLowerCase()}.example.test/v1`,
    `--api-key=sk-${id}-secret-0123456789`,
    '--models=m1,m2',
    '--format=openai',
    '--skip-probe=true',
    ...extra,
  ];
}
