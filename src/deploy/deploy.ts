/**
 * `deploy` as the CLI and the TUI wizard run it: verify the token, resolve the target, check
 * the key, seal the config, write the wrangler project, then one `wrangler deploy
 * --secrets-file` (code, sealed config and both secrets land together), then a health check.
 * Dry run: every step and file shown, nothing called, nothing written outside a temp dir.
 * Export only: the payload written 0600, nothing called.
 */
import { join, relative, resolve } from 'node:path';
import { RouterError } from '../errors/router-error.js';
import { defaultConfigPath } from '../config/paths.js';
import { apiBase, createCloudflareClient, DEFAULT_API_BASE } from './cloudflare-api.js';
import { assertStrongMasterKey } from './master-key.js';
import { readLocalConfig, sealWorkerConfig, workerConfig, type SealedConfig } from './sealed-payload.js';
import { safeEmit, step, StepFailure, toolSnippets, type Emit } from './steps.js';
import type { DeployEvent, DeployRequest, DeployResult } from './types.js';
import { checkHealth } from './health.js';
import { makeScratch, projectFiles, PROJECT_SUBDIR, readWorkerBundle, writeExport, writeProject, writeSecretFile } from './worker-project.js';
import { displayCommand, lastMeaningfulLines, runWrangler, wranglerBin } from './wrangler.js';
import { guessZone, hostInZone, patternHost, targetUrl, workerName, wranglerConfig } from './wrangler-config.js';

export const SECRET_NAMES = ['LLM_ROUTER_CONFIG_KEY', 'LLM_ROUTER_MASTER_KEY'] as const;

export interface DeployContext {
  env: NodeJS.ProcessEnv;
}

function deployArgs(secretsFile: string, env: string | undefined): string[] {
  return ['deploy', '--config', 'wrangler.json', '--secrets-file', secretsFile, ...(env ? ['--env', env] : [])];
}

/** A route host outside its zone is refused before anything is called. */
export function checkRouteTarget(request: Pick<DeployRequest, 'target'>): void {
  const { target } = request;
  if (target.kind !== 'route') return;
  const host = patternHost(target.pattern);
  if (!hostInZone(host, target.zoneName))
    throw new RouterError(
      'INVALID_INPUT',
      `the route ${target.pattern} (host ${host}) is not in the zone ${target.zoneName}; its zone is likely ${guessZone(host)}`,
      {
        path: 'zone-name',
      },
    );
}

export async function runDeploy(
  request: DeployRequest,
  onEvent: (event: DeployEvent) => void,
  signal: AbortSignal | undefined,
  ctx: DeployContext,
): Promise<DeployResult> {
  const emit: Emit = safeEmit(onEvent);
  const name = workerName(request.env);
  const projectDir = join(resolve(request.projectDir), PROJECT_SUBDIR);
  const result: DeployResult = {
    ok: false,
    dryRun: request.dryRun === true,
    workerName: name,
    stateBackend: request.stateBackend,
    bundleBytes: 0,
    sealedConfigBytes: 0,
    files: [],
    secrets: [],
    snippets: [],
    warnings: [],
  };
  const offline = request.dryRun === true || request.exportOnly !== undefined;
  const client = createCloudflareClient({ token: request.token, env: ctx.env, signal });
  const left: string[] = [];
  try {
    await step(emit, 'verify-token', async () => {
      if (offline) return { value: undefined, status: 'skip', detail: 'would check the token (GET /user/tokens/verify) and its accounts (GET /memberships)' };
      const { status } = await client.verifyToken();
      if (status !== 'active') throw new RouterError('INVALID_INPUT', `the Cloudflare API token is ${status}, not active`);
      const accounts = await client.listAccounts();
      if (!accounts.some((a) => a.id === request.accountId))
        throw new RouterError(
          'INVALID_INPUT',
          `the token cannot use account ${request.accountId}; it can use: ${accounts.map((a) => `${a.id} (${a.name})`).join(', ') || 'none'}`,
          {
            path: 'account-id',
          },
        );
      return { value: undefined, detail: `token active; account ${request.accountId}` };
    });

    const url = await step(emit, 'resolve-target', async (): Promise<{ value: string | undefined; status?: 'ok' | 'skip'; detail: string }> => {
      checkRouteTarget(request);
      const t = request.target;
      if (t.kind === 'workers-dev') {
        if (offline)
          return {
            value: undefined,
            status: 'skip',
            detail: `workers.dev: would look up the account's subdomain (GET /accounts/${request.accountId}/workers/subdomain)`,
          };
        const sub = await client.workersSubdomain(request.accountId);
        const url = targetUrl(t, request.env, sub);
        return { value: url, detail: url ? `workers.dev: ${url}` : 'workers.dev: the account has no workers.dev subdomain yet; wrangler will register one' };
      }
      const url = targetUrl(t, request.env, undefined);
      if (offline)
        return { value: url, status: 'skip', detail: `route ${t.pattern} on zone ${t.zoneName}: would look up the zone (GET /zones?name=${t.zoneName})` };
      const zones = await client.listZones(request.accountId, t.zoneName);
      const zone = zones.find((z) => z.name.toLowerCase() === t.zoneName.toLowerCase());
      if (!zone) {
        const all = await client.listZones(request.accountId).catch(() => []);
        throw new RouterError(
          'INVALID_INPUT',
          `no zone ${t.zoneName} in account ${request.accountId} (zones the token can see: ${all.map((z) => z.name).join(', ') || 'none; it may lack Zone:Read'})`,
          { path: 'zone-name' },
        );
      }
      return { value: url, detail: `route ${t.pattern} on zone ${zone.name} (${zone.id})` };
    });
    if (url) result.url = url;

    result.warnings.push(
      ...(await step(emit, 'check-key', async () => {
        const warnings = assertStrongMasterKey(request.masterKey, request.allowWeakMasterKey);
        return { value: warnings, detail: warnings.length > 0 ? 'weak key allowed' : 'master key is strong' };
      })),
    );

    const sealed: SealedConfig = await step(emit, 'seal-config', async () => {
      const local = await readLocalConfig(request.configPath ?? defaultConfigPath(ctx.env));
      const prepared = workerConfig(local.config, ctx.env);
      result.warnings.push(...prepared.warnings);
      const out = await sealWorkerConfig(prepared.config);
      result.sealedConfigBytes = Buffer.byteLength(out.module);
      return {
        value: out,
        detail: `${prepared.providers.length} provider(s) (${prepared.providers.join(', ')}) from ${local.path}; sealed ${result.sealedConfigBytes} bytes`,
      };
    });

    const wrangler = wranglerConfig({ target: request.target, stateBackend: request.stateBackend, env: request.env });
    const secrets = { LLM_ROUTER_CONFIG_KEY: sealed.key, LLM_ROUTER_MASTER_KEY: request.masterKey };

    if (request.exportOnly) {
      const out = resolve(request.projectDir, request.exportOnly.out);
      const bytes = await step(emit, 'write-project', async () => {
        const payload = {
          workerName: name,
          accountId: request.accountId,
          target: request.target,
          stateBackend: request.stateBackend,
          secrets,
          sealedConfig: sealed.sealed,
          wrangler,
        };
        const n = await writeExport(out, payload);
        return { value: n, detail: `wrote ${out} (${n} bytes, mode 0600)` };
      });
      result.files.push({
        path: out,
        bytes,
        note: 'deploy payload (mode 0600): the secrets LLM_ROUTER_MASTER_KEY and LLM_ROUTER_CONFIG_KEY (which opens the sealed config and its provider keys), the sealed config, wrangler.json',
      });
      result.secrets = [...SECRET_NAMES];
      emit({ step: 'upload', status: 'skip', detail: 'export only: nothing uploaded' });
      result.ok = true;
      return result;
    }

    const scratch = await makeScratch().catch((err: unknown) => {
      throw new StepFailure('write-project', new RouterError('IO', `cannot create a temporary folder: ${(err as Error).message}`, { cause: err }));
    });
    try {
      await step(emit, 'write-project', async () => {
        const code = await readWorkerBundle();
        result.bundleBytes = code.reduce((n, m) => n + Buffer.byteLength(m.content), 0);
        const files = projectFiles(code, sealed.module, wrangler);
        const written = await writeProject(request.dryRun ? join(scratch.dir, 'project') : projectDir, files);
        result.files = written.map((f) => ({
          ...f,
          path: join(projectDir, relative(request.dryRun ? join(scratch.dir, 'project') : projectDir, f.path)),
          ...(request.dryRun ? { note: `${f.note} (dry run: not written)` } : {}),
        }));
        if (!request.dryRun) left.push(`the project folder ${projectDir} (bundle, sealed config, wrangler.json; no secret in plain text)`);
        return { value: undefined, detail: `${request.dryRun ? 'would write' : 'wrote'} ${files.map((f) => f.name).join(', ')} in ${projectDir}` };
      });
      await step(emit, 'upload', async () => {
        if (request.dryRun)
          return {
            value: undefined,
            status: 'skip',
            detail: `would run in ${projectDir}: ${displayCommand(deployArgs('<temp>/secrets.json', request.env))} (wrangler = node ${wranglerBin()}; secrets ${SECRET_NAMES.join(', ')})`,
          };
        const secretsFile = await writeSecretFile(scratch.dir, secrets);
        const run = await runWrangler(deployArgs(secretsFile, request.env), {
          cwd: projectDir,
          token: request.token,
          accountId: request.accountId,
          env: ctx.env,
          logDir: join(scratch.dir, 'logs'),
          signal,
        });
        if (run.exitCode !== 0) {
          const uploaded = /Uploaded \S+/.test(run.output);
          left.push(
            uploaded
              ? 'on Cloudflare: the new version WAS uploaded (with its secrets) but its triggers were not all set; rerun deploy'
              : 'on Cloudflare: nothing changed (code, config and secrets go in one upload; a Worker deployed before keeps running its previous version)',
          );
          throw new RouterError('DEPLOY_FAILED', `wrangler deploy failed (exit ${run.exitCode}): ${lastMeaningfulLines(run.output).join(' | ')}`, {
            details: lastMeaningfulLines(run.output, 12),
          });
        }
        const url = /https:\/\/[\w.-]+\.workers\.dev/.exec(run.output)?.[0];
        if (!result.url && url) result.url = url;
        return { value: undefined, detail: `uploaded ${name} with secrets ${SECRET_NAMES.join(', ')}` };
      });
      result.secrets = [...SECRET_NAMES];
    } finally {
      await scratch.remove();
    }

    await step(emit, 'verify-health', async () => {
      if (request.dryRun) return { value: undefined, status: 'skip', detail: 'would ask GET /health' };
      if (request.skipHealthCheck) return { value: undefined, status: 'skip', detail: 'skipped (--skip-health-check)' };
      // Deployed through another API than Cloudflare's (a staging or test endpoint): the printed URL is not known to be live.
      const base = apiBase(ctx.env);
      if (base !== DEFAULT_API_BASE)
        return { value: undefined, status: 'skip', detail: `skipped: deployed through ${base} (CLOUDFLARE_API_BASE_URL), not Cloudflare's API` };
      if (!result.url) return { value: undefined, status: 'skip', detail: 'no single URL to check (wildcard route)' };
      const health = await checkHealth(result.url, signal);
      if (!health.ok) result.warnings.push(`the Worker did not answer ${result.url}/health yet: ${health.detail}`);
      return { value: undefined, status: health.ok ? 'ok' : 'skip', detail: health.detail };
    });
    result.snippets = toolSnippets(result.url);
    result.ok = true;
    return result;
  } catch (err) {
    if (!(err instanceof StepFailure)) throw err;
    result.error = {
      step: err.step,
      message: err.message,
      leftInPlace: left.length > 0 ? left : ['nothing: no file was written and nothing was uploaded'],
      code: err.code,
      exitCode: err.exitCode,
    };
    return result;
  }
}
