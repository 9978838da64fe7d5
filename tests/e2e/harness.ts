/**
 * The end-to-end rig: the scripted model, the real gateway (the built CLI, `start
 * --foreground`, in a temporary HOME, on a free port) with one provider per upstream
 * format pointing at it, and helpers that run the real Claude Code and Codex CLIs in
 * their own temporary HOMEs so nothing touches the user's own settings.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { freePort } from '../helpers/free-port.js';
import { startScriptedModel, type ScriptedModel } from './scripted-model.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = (name: string) => join(ROOT, 'node_modules', '.bin', name);
export const GATEWAY_KEY = 'e2e-master-key-0123456789abcdef';

export interface Rig {
  model: ScriptedModel;
  gateway: string;
  formats: string[];
  close(): Promise<void>;
}

async function waitForHealth(url: string, child: { exitCode: number | null }, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`gateway exited early (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('gateway did not become healthy');
}

/** The provider formats this build supports (Responses upstreams arrive with #11 §4). */
async function supportedFormats(): Promise<string[]> {
  const { FORMATS } = await import('../../src/config/schema.js');
  return [...FORMATS];
}

export async function startRig(): Promise<Rig> {
  const model = await startScriptedModel();
  const home = mkdtempSync(join(tmpdir(), 'llr-e2e-gw-'));
  const formats = await supportedFormats();
  const providers = [
    {
      id: 'an',
      name: 'Scripted Anthropic',
      baseUrl: model.url,
      apiKey: 'sk-scripted-an',
      format: 'claude',
      formats: ['claude'],
      models: [{ id: 'scripted-claude' }],
    },
    {
      id: 'oa',
      name: 'Scripted OpenAI',
      baseUrl: `${model.url}/v1`,
      apiKey: 'sk-scripted-oa',
      format: 'openai',
      formats: ['openai'],
      models: [{ id: 'scripted-gpt' }],
    },
    ...(formats.includes('responses')
      ? [
          {
            id: 'rs',
            name: 'Scripted Responses',
            baseUrl: `${model.url}/v1`,
            apiKey: 'sk-scripted-rs',
            format: 'responses',
            formats: ['responses'],
            models: [{ id: 'scripted-codex' }],
          },
        ]
      : []),
  ];
  writeFileSync(join(home, '.llm-router.json'), JSON.stringify({ version: 2, masterKey: GATEWAY_KEY, providers, modelAliases: {} }, null, 2), { mode: 0o600 });
  const port = await freePort();
  const child = execa(process.execPath, [join(ROOT, 'dist/llm-router.js'), 'start', '--foreground', `--port=${port}`, '--require-auth=true'], {
    env: { HOME: home, LLM_ROUTER_DEBUG_ROUTING: '1', LLM_ROUTER_ORIGIN_RETRY_BASE_DELAY_MS: '0' },
    extendEnv: false,
    reject: false,
  });
  const gateway = `http://127.0.0.1:${port}`;
  await waitForHealth(gateway, child);
  return {
    model,
    gateway,
    formats,
    close: async () => {
      child.kill('SIGTERM');
      await child;
      await model.close();
      // LLM_ROUTER_E2E_RECORD=dir keeps what the real tools sent (for request fixtures).
      const record = process.env.LLM_ROUTER_E2E_RECORD;
      if (record) writeFileSync(join(record, `requests-${Date.now()}.json`), JSON.stringify(model.requests, null, 1));
    },
  };
}

export interface ToolRun {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  dir: string;
}

const baseEnv = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', TERM: 'dumb' });

/** `claude -p` (Claude Code 2.1.x) against the gateway, with Bash allowed. */
export async function runClaude(rig: Rig, model: string, prompt: string): Promise<ToolRun> {
  const home = mkdtempSync(join(tmpdir(), 'llr-e2e-claude-'));
  const dir = join(home, 'work');
  mkdirSync(dir);
  const env = {
    ...baseEnv(),
    HOME: home,
    ANTHROPIC_BASE_URL: `${rig.gateway}/anthropic`,
    ANTHROPIC_AUTH_TOKEN: GATEWAY_KEY,
    ANTHROPIC_SMALL_FAST_MODEL: model,
    ANTHROPIC_DEFAULT_HAIKU_MODEL: model,
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
  const result = await execa(BIN('claude'), ['-p', prompt, '--model', model, '--allowedTools', 'Bash', '--max-turns', '4'], {
    cwd: dir,
    env,
    extendEnv: false,
    reject: false,
    timeout: 90_000,
    input: '',
  });
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr), dir };
}

/** `codex exec` (Codex CLI 0.171) against the gateway's Responses endpoint. */
export async function runCodex(rig: Rig, model: string, prompt: string): Promise<ToolRun> {
  const home = mkdtempSync(join(tmpdir(), 'llr-e2e-codex-'));
  const dir = join(home, 'work');
  mkdirSync(dir);
  const provider = `model_providers.lr={ name="lr", base_url="${rig.gateway}/openai/v1", wire_api="responses", env_key="LR_KEY", request_max_retries=0, stream_max_retries=0 }`;
  const env = { ...baseEnv(), HOME: home, CODEX_HOME: join(home, '.codex'), LR_KEY: GATEWAY_KEY, RUST_LOG: 'error' };
  mkdirSync(env.CODEX_HOME);
  const args = [
    'exec',
    '--skip-git-repo-check',
    '--dangerously-bypass-approvals-and-sandbox',
    '-C',
    dir,
    '-c',
    'model_provider=lr',
    '-c',
    provider,
    '-m',
    model,
    prompt,
  ];
  const result = await execa(BIN('codex'), args, { cwd: dir, env, extendEnv: false, reject: false, timeout: 90_000, input: '' });
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr), dir };
}
