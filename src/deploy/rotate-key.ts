/**
 * `worker-key`: replace LLM_ROUTER_MASTER_KEY on the deployed Worker. `wrangler secret list`
 * first (does the Worker exist, does the secret), then `wrangler secret put` with the value
 * on stdin, in the project folder deploy wrote (or, when there is none here, a temporary one
 * naming the Worker).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RouterError } from '../errors/router-error.js';
import { assertStrongMasterKey } from './master-key.js';
import { safeEmit, step, StepFailure } from './steps.js';
import type { DeployEvent, RotateKeyRequest, RotateKeyResult } from './types.js';
import { makeScratch, PROJECT_SUBDIR, writeProject } from './worker-project.js';
import { displayCommand, lastMeaningfulLines, runWrangler } from './wrangler.js';
import { COMPATIBILITY_DATE, WORKER_NAME, workerName } from './wrangler-config.js';

export const MASTER_KEY_SECRET = 'LLM_ROUTER_MASTER_KEY';

export function rotateCommands(env: string | undefined): string[][] {
  const e = env ? ['--env', env] : [];
  return [
    ['secret', 'list', '--format', 'json', ...e],
    ['secret', 'put', MASTER_KEY_SECRET, ...e],
  ];
}

/** `wrangler secret list --format json` prints the JSON array alone on stdout. */
function parseSecretNames(stdout: string): string[] | undefined {
  try {
    const list = JSON.parse(stdout.trim()) as unknown;
    return Array.isArray(list) ? list.map((s) => (s as { name?: string }).name ?? '').filter(Boolean) : undefined;
  } catch {
    return undefined;
  }
}

export async function runRotateKey(
  request: RotateKeyRequest,
  onEvent: (event: DeployEvent) => void,
  signal: AbortSignal | undefined,
  ctx: { env: NodeJS.ProcessEnv },
): Promise<RotateKeyResult> {
  const emit = safeEmit(onEvent);
  const name = workerName(request.env);
  const result: RotateKeyResult = { ok: false, dryRun: request.dryRun === true, workerName: name, replaced: false, warnings: [] };
  const [listArgs, putArgs] = rotateCommands(request.env) as [string[], string[]];
  const project = join(resolve(request.projectDir), PROJECT_SUBDIR);
  const hasProject = existsSync(join(project, 'wrangler.json'));
  try {
    result.warnings.push(
      ...(await step(emit, 'check-key', async () => ({
        value: assertStrongMasterKey(request.masterKey, request.allowWeakMasterKey),
        detail: 'master key checked',
      }))),
    );
    if (request.dryRun) {
      const where = hasProject ? project : `a temporary folder (no ${project} here)`;
      emit({
        step: 'upload',
        status: 'skip',
        detail: `would run in ${where}: ${displayCommand(listArgs)}, then ${displayCommand(putArgs)} (the key on stdin)`,
      });
      result.ok = true;
      return result;
    }
    const scratch = await makeScratch();
    try {
      let cwd = project;
      if (!hasProject) {
        cwd = join(scratch.dir, 'project');
        const env = request.env ? { env: { [request.env]: {} } } : {};
        await writeProject(cwd, [
          { name: 'wrangler.json', content: JSON.stringify({ name: WORKER_NAME, compatibility_date: COMPATIBILITY_DATE, ...env }), note: '' },
        ]);
      }
      const run = { cwd, token: request.token, accountId: request.accountId, env: ctx.env, logDir: join(scratch.dir, 'logs'), signal };
      result.replaced = await step(emit, 'resolve-target', async () => {
        const listed = await runWrangler(listArgs, run);
        if (listed.exitCode !== 0) {
          const notFound = /10007|does not exist|not found/i.test(listed.output);
          throw new RouterError(
            'DEPLOY_FAILED',
            notFound
              ? `there is no Worker ${name} on account ${request.accountId}: deploy it first (llm-router deploy)`
              : `wrangler secret list failed (exit ${listed.exitCode}): ${lastMeaningfulLines(listed.output).join(' | ')}`,
          );
        }
        const names = parseSecretNames(listed.stdout);
        if (!names) throw new RouterError('DEPLOY_FAILED', `wrangler secret list printed no list: ${lastMeaningfulLines(listed.output).join(' | ')}`);
        const exists = names.includes(MASTER_KEY_SECRET);
        return { value: exists, detail: `${name}: ${MASTER_KEY_SECRET} ${exists ? 'exists (will be replaced)' : 'is not set yet (will be created)'}` };
      });
      await step(emit, 'upload', async () => {
        const put = await runWrangler(putArgs, { ...run, input: `${request.masterKey}\n` });
        if (put.exitCode !== 0)
          throw new RouterError(
            'DEPLOY_FAILED',
            `wrangler secret put failed (exit ${put.exitCode}): ${lastMeaningfulLines(put.output).join(' | ')}; the Worker keeps its previous master key`,
          );
        return { value: undefined, detail: `${MASTER_KEY_SECRET} ${result.replaced ? 'replaced' : 'created'} on ${name}` };
      });
    } finally {
      await scratch.remove();
    }
    result.ok = true;
    return result;
  } catch (err) {
    if (!(err instanceof StepFailure)) throw err;
    result.error = { message: err.message, code: err.code, exitCode: err.exitCode };
    return result;
  }
}
