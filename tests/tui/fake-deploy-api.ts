/**
 * A DeployApi for TUI tests that records every call: tokens it accepts, the accounts and
 * zones it knows, and switches to fail at a step or to hang at one until aborted.
 */
import type { CloudflareAccount, CloudflareZone, DeployApi, DeployRequest, DeployResult, DeployStepId, RotateKeyRequest } from '../../src/deploy/types.js';
import { DEPLOY_STEPS } from '../../src/tui/state/deploy-wizard.js';

export interface FakeDeployApi extends DeployApi {
  /** Tokens checkToken accepts; any other is refused. */
  goodTokens: Set<string>;
  accounts: CloudflareAccount[];
  zones: CloudflareZone[];
  /** The (real) deploy fails at this step. */
  failAt?: DeployStepId;
  /** The (real) deploy waits at this step until its signal aborts. */
  hangAt?: DeployStepId;
  checkedTokens: string[];
  zoneLookups: { token: string; accountId: string }[];
  deployRequests: DeployRequest[];
  rotateRequests: RotateKeyRequest[];
  /** The signal of each deploy or rotation call. */
  signals: AbortSignal[];
  generated: string[];
}

const tick = () => new Promise((r) => setTimeout(r, 5));

/** Close enough to the seed's check for tests: length, character classes, weak words. */
function problemsOf(key: string): string[] {
  const out: string[] = [];
  if (key.length < 24) out.push('shorter than 24 characters');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(key)).length;
  if (classes < 3) out.push('uses fewer than 3 kinds of character');
  if (/password|secret|admin/i.test(key)) out.push('contains a common word');
  return out;
}

export function fakeDeployApi(): FakeDeployApi {
  const api: FakeDeployApi = {
    goodTokens: new Set(['good-token']),
    accounts: [
      { id: 'acc-1', name: 'Acme' },
      { id: 'acc-2', name: 'Side project' },
    ],
    zones: [
      { id: 'z-org', name: 'example.org' },
      { id: 'z-com', name: 'example.com' },
    ],
    checkedTokens: [],
    zoneLookups: [],
    deployRequests: [],
    rotateRequests: [],
    signals: [],
    generated: [],
    async checkToken(token) {
      api.checkedTokens.push(token);
      await tick();
      return api.goodTokens.has(token)
        ? { ok: true, status: 'active', accounts: api.accounts }
        : { ok: false, status: 'invalid', problem: 'Cloudflare refused the token (401 Invalid API Token).', accounts: [] };
    },
    async listZones(token, accountId) {
      api.zoneLookups.push({ token, accountId });
      await tick();
      return api.zones;
    },
    generateMasterKey() {
      const key = `gw_Gen${api.generated.length}x7Kq2Lm9Pz4Rt8Vw1Yb5Nc3Hd6Jf0`;
      api.generated.push(key);
      return key;
    },
    masterKeyProblems: problemsOf,
    async deploy(request, onEvent, signal) {
      api.deployRequests.push(request);
      if (signal) api.signals.push(signal);
      const base = result(request);
      if (request.dryRun) return base;
      for (const step of DEPLOY_STEPS) {
        onEvent({ step, status: 'start' });
        await tick();
        if (step === api.hangAt) {
          await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()));
          onEvent({ step, status: 'fail', detail: 'cancelled' });
          return { ...base, ok: false, error: { step, message: 'Cancelled before the upload finished.', leftInPlace: [] } };
        }
        if (step === api.failAt) {
          onEvent({ step, status: 'fail', detail: 'HTTP 500' });
          const leftInPlace = [`${request.projectDir}/.llm-router/worker (project files, kept for a retry)`];
          return { ...base, ok: false, error: { step, message: 'Cloudflare answered 500 to the script upload.', leftInPlace } };
        }
        onEvent(step === 'upload' ? { step, status: 'ok', detail: 'worker.js, sealed-config.js' } : { step, status: 'ok' });
      }
      return base;
    },
    async rotateKey(request, onEvent, signal) {
      api.rotateRequests.push(request);
      if (signal) api.signals.push(signal);
      onEvent({ step: 'verify-token', status: 'start' });
      await tick();
      onEvent({ step: 'verify-token', status: 'ok' });
      onEvent({ step: 'upload', status: 'start' });
      await tick();
      onEvent({ step: 'upload', status: 'ok', detail: 'LLM_ROUTER_MASTER_KEY' });
      return { ok: true, dryRun: false, workerName: 'llm-router', replaced: true, warnings: [] };
    },
  };
  return api;
}

function result(request: DeployRequest): DeployResult {
  const host = request.target.kind === 'route' ? request.target.pattern.replace(/\/\*$/, '') : 'llm-router.acme.workers.dev';
  return {
    ok: true,
    dryRun: request.dryRun === true,
    workerName: 'llm-router',
    url: `https://${host}`,
    stateBackend: request.stateBackend,
    bundleBytes: 250_000,
    sealedConfigBytes: 3_200,
    files: [
      { path: '.llm-router/worker/worker.js', bytes: 250_000, note: 'the Worker bundle' },
      { path: '.llm-router/worker/sealed-config.js', bytes: 3_200, note: 'config, AES-256-GCM sealed' },
      { path: '.llm-router/worker/wrangler.json', bytes: 512, note: 'wrangler config' },
    ],
    secrets: ['LLM_ROUTER_CONFIG_KEY', 'LLM_ROUTER_MASTER_KEY'],
    snippets: [
      { tool: 'Claude Code', text: `export ANTHROPIC_BASE_URL=https://${host}/anthropic` },
      { tool: 'Codex', text: `base_url = "https://${host}/openai/v1"` },
    ],
    warnings: ['Provider openai: OPENAI_API_KEY is not set here; its key is not deployed.'],
  };
}
