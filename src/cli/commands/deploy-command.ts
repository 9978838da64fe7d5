/**
 * `llm-router deploy`: flags -> a DeployRequest for the same deploy the TUI wizard runs
 * (src/deploy), its steps printed as they finish, then the URL, state backend, sizes and
 * tool snippets; `--json` prints the DeployResult alone. Seed flags parse: `--mode` is
 * ignored, `--allow-large-config` is accepted and no longer needed.
 */
import { RouterError } from '../../errors/router-error.js';
import { stringFlag, type RawFlags } from '../../config/operations/flags-to-input.js';
import { resolveConfigPath } from '../../config/paths.js';
import { readConfig } from '../../config/store.js';
import { createDeployApi } from '../../deploy/index.js';
import { checkRouteTarget } from '../../deploy/deploy.js';
import { DEFAULT_EXPORT_FILE, readPreviousTarget } from '../../deploy/worker-project.js';
import { guessZone, normaliseRoutePattern, patternHost, hostInZone } from '../../deploy/wrangler-config.js';
import type { DeployApi, DeployResult, DeployTarget, StateBackend } from '../../deploy/types.js';
import { colorsFor, writeLines, type Colors, type Io } from '../io.js';
import { rejectUnknownFlags } from './start-options.js';
import { ACCOUNT_PLACEHOLDER, bool, eventLine, generatedKeyLines, KEY_FLAGS, resolveAccount, resolveMasterKey, resolveToken } from './deploy-options.js';

export const DEPLOY_FLAGS = [
  'account-id',
  'workers-dev',
  'route-pattern',
  'zone-name',
  'domain',
  'env',
  'project-dir',
  ...KEY_FLAGS,
  'allow-large-config',
  'dry-run',
  'export-only',
  'out',
  'mode',
  'state-backend',
  'skip-health-check',
];

const TARGET_HELP = 'choose a target: --workers-dev, --route-pattern=HOST/* --zone-name=ZONE, or --domain=HOST';

function parseStateBackend(flags: RawFlags): StateBackend {
  const value = stringFlag(flags, 'state-backend') ?? 'durable-object';
  if (value !== 'durable-object' && value !== 'memory')
    throw new RouterError('USAGE', `--state-backend must be durable-object or memory, got ${JSON.stringify(value)}`);
  return value;
}

interface TargetContext {
  api: DeployApi;
  token: string;
  accountId: string;
  offline: boolean;
  projectDir: string;
  env: string | undefined;
}

/** The target from the flags, else the previous deploy's from this project folder (as the seed reuses wrangler.toml's). */
async function parseTarget(
  flags: RawFlags,
  { api, token, accountId, offline, projectDir, env }: TargetContext,
): Promise<{ target: DeployTarget; reused?: true }> {
  const workersDev = bool(flags, 'workers-dev');
  const pattern = stringFlag(flags, 'route-pattern');
  const domain = stringFlag(flags, 'domain');
  const chosen = [workersDev, pattern !== undefined, domain !== undefined].filter(Boolean).length;
  if (chosen === 0) {
    const previous = await readPreviousTarget(projectDir, env);
    if (!previous) throw new RouterError('USAGE', `no deploy target: ${TARGET_HELP}`);
    return { target: previous, reused: true };
  }
  if (chosen > 1) throw new RouterError('USAGE', `more than one deploy target: ${TARGET_HELP}`);
  if (workersDev) {
    if (flags['zone-name'] !== undefined) throw new RouterError('USAGE', '--zone-name goes with --route-pattern or --domain, not --workers-dev');
    return { target: { kind: 'workers-dev' } };
  }
  const route = normaliseRoutePattern(pattern ?? domain ?? '');
  const host = patternHost(route);
  if (host === '' || !/^[*a-z0-9.-]+$/.test(host))
    throw new RouterError('INVALID_INPUT', `not a route host: ${JSON.stringify(pattern ?? domain)}`, { path: pattern ? 'route-pattern' : 'domain' });
  let zoneName = stringFlag(flags, 'zone-name');
  if (zoneName === undefined && pattern !== undefined)
    throw new RouterError('USAGE', '--route-pattern needs --zone-name=ZONE (the Cloudflare zone the host is in)');
  if (zoneName === undefined) {
    if (offline) zoneName = guessZone(host);
    else {
      const zones = (await api.listZones(token, accountId)).filter((z) => hostInZone(host, z.name)).sort((a, b) => b.name.length - a.name.length);
      if (!zones[0])
        throw new RouterError('INVALID_INPUT', `no zone of account ${accountId} holds ${host}; add it to Cloudflare or pass --zone-name`, { path: 'domain' });
      zoneName = zones[0].name;
    }
  }
  const target: DeployTarget = { kind: 'route', pattern: route, zoneName };
  checkRouteTarget({ target });
  return { target };
}

function successLines(result: DeployResult, c: Colors): string[] {
  const url = result.url;
  const backend =
    result.stateBackend === 'durable-object'
      ? 'durable-object (Durable Object LLM_ROUTER_STATE: cooldowns, cursors and rate-limit counters hold exactly across isolates)'
      : 'memory (per isolate: caps and round-robin are best effort)';
  return [
    '',
    result.dryRun
      ? c.bold(`Dry run: nothing was called or written. Would deploy ${result.workerName}${url ? ` to ${url}` : ''}.`)
      : c.bold(`Deployed ${result.workerName}${url ? `: ${url}` : ''}`),
    `State backend: ${backend}`,
    `Sizes: ${result.bundleBytes > 0 ? `bundle ${result.bundleBytes} bytes, ` : ''}sealed config ${result.sealedConfigBytes} bytes`,
    ...(result.files.length ? ['Files:', ...result.files.map((f) => `  ${f.path} (${f.bytes} bytes): ${f.note}`)] : []),
    ...(result.secrets.length ? [`Secrets${result.dryRun ? ' (would upload)' : ''}: ${result.secrets.join(', ')} (values never printed)`] : []),
    ...result.snippets.flatMap((s) => ['', `${s.tool}:`, ...s.text.split('\n').map((l) => `  ${l}`)]),
  ];
}

export async function runDeployCommand(flags: RawFlags, io: Io, api: DeployApi = createDeployApi(io.env)): Promise<number> {
  rejectUnknownFlags(flags, DEPLOY_FLAGS, 'deploy');
  const json = flags.json === true;
  const c = colorsFor(io.stdout, io.env, flags);
  const dryRun = bool(flags, 'dry-run');
  const exportOnly = bool(flags, 'export-only');
  if (flags.out !== undefined && !exportOnly) throw new RouterError('USAGE', '--out goes with --export-only');
  if (dryRun && exportOnly) throw new RouterError('USAGE', 'give --dry-run or --export-only, not both');
  const offline = dryRun || exportOnly;
  const stateBackend = parseStateBackend(flags);
  const configPath = resolveConfigPath(stringFlag(flags, 'config'), io.env);
  const snapshot = await readConfig(configPath);
  if (!snapshot.exists)
    throw new RouterError('CONFIG_INVALID', `no config at ${configPath}: add a provider first (llm-router config --operation=upsert-provider --help)`, {
      file: configPath,
    });
  const chosen = resolveMasterKey(flags, snapshot.config.masterKey, true);
  const notes: string[] = [];
  if (flags['allow-large-config'] !== undefined)
    notes.push('--allow-large-config is no longer needed: the config is sealed into the bundle and only its 43-character key is a secret, so any size fits');
  if (flags.mode !== undefined) notes.push('--mode is ignored (as in the seed)');
  const token = resolveToken(io.env, !offline);
  const accountId = await resolveAccount(flags, io.env, token, api, offline);
  const env = stringFlag(flags, 'env');
  const projectDir = stringFlag(flags, 'project-dir') ?? process.cwd();
  const { target, reused } = await parseTarget(flags, { api, token, accountId, offline, projectDir, env });
  const out = stringFlag(flags, 'out') ?? DEFAULT_EXPORT_FILE;
  if (!json) {
    writeLines(io.stdout, [
      `${dryRun ? 'Dry run of deploy' : exportOnly ? 'Export of the deploy payload' : 'Deploying'} llm-router${env ? ` (env ${env})` : ''} to ${target.kind === 'workers-dev' ? 'workers.dev' : `${target.pattern} (zone ${target.zoneName})`}${reused ? " (the previous deploy's target)" : ''}; account ${accountId === ACCOUNT_PLACEHOLDER ? '(not looked up)' : accountId}; master key from ${chosen.source}; state backend ${stateBackend}`,
      ...notes.map((n) => c.yellow(`note: ${n}`)),
    ]);
  }
  const result = await api.deploy(
    {
      token,
      accountId,
      target,
      ...(env ? { env } : {}),
      projectDir,
      masterKey: chosen.key,
      allowWeakMasterKey: bool(flags, 'allow-weak-master-key'),
      stateBackend,
      dryRun,
      ...(exportOnly ? { exportOnly: { out } } : {}),
      configPath,
      skipHealthCheck: bool(flags, 'skip-health-check'),
    },
    (event) => {
      const line = json ? undefined : eventLine(event, c);
      if (line) io.stdout.write(`${line}\n`);
    },
  );
  result.warnings.unshift(...notes);
  if (json) {
    io.stdout.write(`${JSON.stringify({ ...result, ...(chosen.generated && result.ok ? { generatedMasterKey: chosen.key } : {}) }, null, 2)}\n`);
  } else if (result.ok) {
    writeLines(io.stdout, successLines(result, c));
    if (exportOnly)
      writeLines(io.stdout, [
        '',
        c.yellow(
          'The export holds key material: the master key and the config key (which opens the sealed config and the provider API keys in it). Keep it private; delete it when done.',
        ),
      ]);
    if (chosen.generated) writeLines(io.stdout, generatedKeyLines(chosen.key, c));
  }
  const warnings = result.warnings.filter((w) => !notes.includes(w));
  if (warnings.length > 0)
    writeLines(
      io.stderr,
      warnings.map((w) => `${c.yellow('warning:')} ${w}`),
    );
  if (result.ok) return 0;
  const error = result.error;
  writeLines(io.stderr, [
    `${c.red('error:')} deploy failed at ${error?.step ?? '?'}: ${error?.message ?? 'unknown error'}`,
    'Left in place:',
    ...(error?.leftInPlace ?? []).map((l) => `  - ${l}`),
  ]);
  return error?.exitCode ?? 1;
}
