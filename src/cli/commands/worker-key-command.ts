/**
 * `llm-router worker-key`: rotate LLM_ROUTER_MASTER_KEY on the deployed Worker, with the
 * same key rules as deploy (--master-key, --generate-master-key, or the local config's key,
 * `--use-config-key` being on by default as in the seed).
 */
import { stringFlag, type RawFlags } from '../../config/operations/flags-to-input.js';
import { resolveConfigPath } from '../../config/paths.js';
import { readConfig } from '../../config/store.js';
import { createDeployApi } from '../../deploy/index.js';
import type { DeployApi } from '../../deploy/types.js';
import { colorsFor, writeLines, type Io } from '../io.js';
import { rejectUnknownFlags } from './start-options.js';
import { ACCOUNT_PLACEHOLDER, bool, eventLine, generatedKeyLines, KEY_FLAGS, resolveAccount, resolveMasterKey, resolveToken } from './deploy-options.js';

export const WORKER_KEY_FLAGS = [...KEY_FLAGS, 'use-config-key', 'account-id', 'project-dir', 'env', 'dry-run'];

export async function runWorkerKeyCommand(flags: RawFlags, io: Io, api: DeployApi = createDeployApi(io.env)): Promise<number> {
  rejectUnknownFlags(flags, WORKER_KEY_FLAGS, 'worker-key');
  const json = flags.json === true;
  const c = colorsFor(io.stdout, io.env, flags);
  const dryRun = bool(flags, 'dry-run');
  const snapshot = await readConfig(resolveConfigPath(stringFlag(flags, 'config'), io.env));
  const chosen = resolveMasterKey(flags, snapshot.config.masterKey, bool(flags, 'use-config-key', true));
  const token = resolveToken(io.env, !dryRun);
  const accountId = await resolveAccount(flags, io.env, token, api, dryRun);
  const env = stringFlag(flags, 'env');
  if (!json)
    writeLines(io.stdout, [
      `${dryRun ? 'Dry run: rotating' : 'Rotating'} the master key of llm-router${env ? ` (env ${env})` : ''}; account ${accountId === ACCOUNT_PLACEHOLDER ? '(not looked up)' : accountId}; key from ${chosen.source}`,
    ]);
  const result = await api.rotateKey(
    {
      token,
      accountId,
      ...(env ? { env } : {}),
      projectDir: stringFlag(flags, 'project-dir') ?? process.cwd(),
      masterKey: chosen.key,
      allowWeakMasterKey: bool(flags, 'allow-weak-master-key'),
      dryRun,
    },
    (event) => {
      const line = json ? undefined : eventLine(event, c);
      if (line) io.stdout.write(`${line}\n`);
    },
  );
  if (json)
    io.stdout.write(`${JSON.stringify({ ...result, ...(chosen.generated && result.ok && !dryRun ? { generatedMasterKey: chosen.key } : {}) }, null, 2)}\n`);
  else if (result.ok && !dryRun) {
    writeLines(io.stdout, [
      '',
      c.bold(`${result.replaced ? 'Replaced' : 'Created'} LLM_ROUTER_MASTER_KEY on ${result.workerName}.`),
      'Clients of the Worker need the new key now; the local gateway keeps its own (config masterKey).',
    ]);
    if (chosen.generated) writeLines(io.stdout, generatedKeyLines(chosen.key, c));
  } else if (result.ok) writeLines(io.stdout, ['', 'Dry run: nothing was called.']);
  if (result.warnings.length > 0)
    writeLines(
      io.stderr,
      result.warnings.map((w) => `${c.yellow('warning:')} ${w}`),
    );
  if (result.ok) return 0;
  writeLines(io.stderr, [`${c.red('error:')} ${result.error?.message ?? 'worker-key failed'}`, 'Left in place: the Worker keeps its previous master key.']);
  return result.error?.exitCode ?? 1;
}
