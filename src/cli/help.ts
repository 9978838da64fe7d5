/** Help text for every command; `config --help` is generated from the operations registry. */
import type { Operation } from '../config/operations/types.js';

/**
 * Every command, its usage line and the flags it takes besides the global ones
 * (`--config`, `--json`, `--no-color`, `--help`): a flag not declared here is refused with a
 * "did you mean" (commands with their own flag sets, like `config`, check them themselves).
 */
export const COMMANDS: Record<string, { usage: string; summary: string; flags?: readonly string[] }> = {
  config: { usage: 'llm-router config --operation=OP [flags] [--json] [--config=PATH]', summary: 'scripted configuration (see llm-router config --help)' },
  start: {
    usage: 'llm-router start [--host=127.0.0.1] [--port=8787] [--require-auth=true|false] [--foreground] [--allow-insecure-remote] [--metrics-public]',
    summary: 'start the gateway daemon (or serve in the foreground)',
  },
  stop: { usage: 'llm-router stop', summary: 'stop the daemon, draining in-flight requests', flags: [] },
  status: { usage: 'llm-router status [--json]', summary: 'is the daemon running: pid, endpoint, uptime, last reload, counters (exit 3 if not)', flags: [] },
  logs: {
    usage: 'llm-router logs [--follow] [--since=DUR] [--json] [--model=M] [--provider=P] [--status=429|5xx] [--limit=N]',
    summary: 'the request log: where each request went, attempts, timing, tokens, cost (no content)',
    flags: ['follow', 'since', 'model', 'provider', 'status', 'limit'],
  },
  usage: {
    usage: 'llm-router usage [--since=DUR] [--by=provider|model|alias|day] [--json]',
    summary: 'tokens, cost, error and fallback rates, latency and TTFT per group (default: last 24h by model)',
    flags: ['since', 'by', 'model', 'provider', 'status'],
  },
  reload: { usage: 'llm-router reload', summary: 're-read the config now (the daemon also watches the file)', flags: [] },
  deploy: {
    usage:
      'llm-router deploy [--workers-dev | --route-pattern=HOST/* --zone-name=ZONE | --domain=HOST] [--account-id=ID] [--env=NAME] [--project-dir=DIR] ' +
      '[--master-key=K | --generate-master-key [--master-key-length=48] [--master-key-prefix=gw_]] [--allow-weak-master-key] ' +
      '[--state-backend=durable-object|memory] [--dry-run] [--export-only [--out=.llm-router.worker.json]] [--skip-health-check] [--json]',
    summary:
      'deploy the gateway as a Cloudflare Worker (token from CLOUDFLARE_API_TOKEN / CF_API_TOKEN; config sealed into the bundle, its key and the master key as secrets)',
  },
  'worker-key': {
    usage:
      'llm-router worker-key [--master-key=K | --generate-master-key] [--use-config-key=true|false] [--allow-weak-master-key] [--account-id=ID] [--env=NAME] [--project-dir=DIR] [--dry-run] [--json]',
    summary: "rotate the deployed Worker's master key (LLM_ROUTER_MASTER_KEY)",
  },
  'ai-help': {
    usage: 'llm-router ai-help [--skip-live-test] [--live-test-timeout-ms=6000] [--gateway-auth-token=T] [--json]',
    summary: 'the brief an AI agent reads first: state, live API gate per coding tool, curl checks, playbooks, next steps',
    flags: ['skip-live-test', 'live-test-timeout-ms', 'gateway-auth-token'],
  },
  setup: {
    usage:
      'llm-router setup <claude-code|codex|opencode> [--model=REF] [--opus-model= --sonnet-model= --haiku-model= | --small-model=] [--scope=user|project] [--dry-run] [--undo] [--force] [--gateway-auth-token=T] [--json]',
    summary: 'point a coding tool at the running gateway (surgical edit with a backup; --dry-run shows the diff, --undo restores)',
  },
};

export function mainHelp(version: string): string[] {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    `llm-router ${version} - a local LLM gateway: OpenAI Chat, OpenAI Responses and Anthropic Messages in, any provider out.`,
    '',
    'Usage: llm-router <command> [flags]     (llr is the same program)',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Global flags:',
    '  --config=PATH   config file (default ~/.llm-router.json)',
    '  --json          one JSON document on stdout (read commands and operations)',
    '  --no-color      no colour (also NO_COLOR=1; colour is only ever used on a terminal)',
    '  --help, -h      help for a command: llm-router config --help',
    '  --version, -v   print the version',
    '',
    'Start here: llm-router config --operation=upsert-provider --help',
    'Exit codes: 0 ok, 1 runtime failure, 2 invalid usage or input (nothing written), 3 not running (status).',
  ];
}

export function commandHelp(command: string): string[] {
  const entry = COMMANDS[command];
  if (!entry) return [];
  return [`Usage: ${entry.usage}`, '', `${command}: ${entry.summary}`];
}

function flagLine(flag: Operation['flags'][number], width: number): string {
  const names = [`--${flag.name}${flag.value ? `=${flag.value}` : ''}`];
  const aliases = flag.aliases?.length ? ` (also ${flag.aliases.map((a) => `--${a}`).join(', ')})` : '';
  return `    ${names[0]?.padEnd(width)}  ${flag.description}${aliases}`;
}

export function operationHelp(op: Operation): string[] {
  const width = Math.max(12, ...op.flags.map((f) => `--${f.name}${f.value ? `=${f.value}` : ''}`.length));
  return [
    `  ${op.name}${op.aliases.length ? ` (also: ${op.aliases.join(', ')})` : ''}: ${op.summary}`,
    ...(op.flags.length ? op.flags.map((f) => flagLine(f, width)) : ['    (no flags)']),
  ];
}

/** Not config edits: these manage the OS service that runs `start --foreground` at login. */
export const STARTUP_OPERATIONS = {
  'startup-install': {
    summary:
      'install and start the OS startup service running the gateway in the foreground; API-key variables the config names are captured into ~/.llm-router/service.env (0600)',
    flags: [
      '--host=127.0.0.1',
      '--port=8787',
      '--require-auth=true|false',
      '--allow-insecure-remote',
      '--dry-run  print the unit and the commands; change nothing',
      '--watch-config  accepted for compatibility (always on)',
    ],
  },
  'startup-status': { summary: 'is the startup service installed, enabled and running; and is the gateway up', flags: [] },
  'startup-uninstall': { summary: 'stop and remove the startup service and its environment file', flags: ['--dry-run  print the commands; change nothing'] },
} satisfies Record<string, { summary: string; flags: string[] }>;

export type StartupOperation = keyof typeof STARTUP_OPERATIONS;

export function isStartupOperation(name: string): name is StartupOperation {
  return Object.hasOwn(STARTUP_OPERATIONS, name);
}

export function startupHelp(name: StartupOperation): string[] {
  const entry = STARTUP_OPERATIONS[name];
  return [`  ${name}: ${entry.summary}`, ...(entry.flags.length ? entry.flags.map((f) => `    ${f}`) : ['    (no flags)'])];
}

export function configHelp(operations: readonly Operation[]): string[] {
  return [
    'Usage: llm-router config --operation=OP [flags] [--json] [--config=PATH]',
    '',
    'Flags take --key=value or --key value; booleans accept true/false, 1/0, yes/no, on/off.',
    'Lists are comma-separated. Route refs are provider/model or an alias id.',
    'Without --operation, config prints the same summary as --operation=list.',
    '',
    'Operations:',
    ...operations.flatMap((op) => [...operationHelp(op), '']),
    'Startup service (systemd user unit on Linux, launchd agent on macOS):',
    ...(Object.keys(STARTUP_OPERATIONS) as StartupOperation[]).flatMap((name) => [...startupHelp(name), '']),
    'Examples:',
    '  llm-router config --operation=upsert-provider --preset=openrouter --api-key-env=OPENROUTER_API_KEY \\',
    "      --models='anthropic/claude-sonnet-4*,openai/gpt-5'      (probes formats, auth and models first)",
    '  llm-router config --operation=upsert-provider --name=Proxy --base-url=https://llm.example.com/v1 \\',
    '      --api-key-env=PROXY_KEY --models=gpt-5 --format=openai --skip-probe=true',
    '  llm-router config --operation=discover-models --provider-id=openrouter --apply=true',
    '  llm-router config --operation=upsert-model-alias --alias-id=coding --strategy=weighted-rr \\',
    '      --targets=openrouter/anthropic/claude-sonnet-4@3,openrouter/openai/gpt-5@1',
    '  llm-router config --operation=set-provider-rate-limits --provider-id=openrouter --bucket-name=minute-cap \\',
    '      --bucket-models=all --bucket-requests=40 --bucket-window=minute:1',
    '  llm-router config --operation=set-master-key --generate-master-key=true',
  ];
}

/** What a user should do next, given whether a config exists yet. */
export function nextSteps(configPath: string, configExists: boolean): string[] {
  if (configExists) return [`Config: ${configPath}. See it with: llm-router config --operation=list`];
  return [
    `No providers yet (${configPath}). Next, add one:`,
    '  llm-router config --operation=upsert-provider --preset=openai --api-key-env=OPENAI_API_KEY --models=gpt-4.1,gpt-4.1-mini',
  ];
}
