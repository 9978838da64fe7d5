/**
 * The hosted deploy as the CLI (`deploy`, `worker-key`) and the TUI wizard both drive it:
 * the same requests, the same steps, the same result. Implemented in src/deploy/*.ts.
 */

/** Where the Worker answers. */
export type DeployTarget =
  | { kind: 'workers-dev' }
  /** A route on a zone of the account, e.g. `llm.example.com/*` on `example.com`. */
  | { kind: 'route'; pattern: string; zoneName: string; zoneId?: string };

/** Where routing state (cooldowns, round-robin cursors, rate-limit counters) lives on the Worker. */
export type StateBackend = 'durable-object' | 'memory';

export interface CloudflareAccount {
  id: string;
  name: string;
}

export interface CloudflareZone {
  id: string;
  name: string;
  accountId?: string;
}

/** Token verification: `active` is Cloudflare's word; the accounts are those the token can use. */
export interface TokenCheck {
  ok: boolean;
  status?: string;
  /** Why it failed, in words a user can act on (no token text in it). */
  problem?: string;
  /** What kind of failure (the CLI picks its exit code from it: the network is a runtime failure, the rest bad input). */
  problemKind?: 'no-token' | 'bad-token' | 'forbidden' | 'inactive' | 'no-account' | 'network' | 'timeout' | 'api' | 'not-found';
  accounts: CloudflareAccount[];
}

export interface DeployRequest {
  /** Cloudflare API token (CLOUDFLARE_API_TOKEN / CF_API_TOKEN, or typed in the TUI). */
  token: string;
  accountId: string;
  target: DeployTarget;
  /** wrangler environment (`--env`). */
  env?: string;
  /** Directory the wrangler project is written to (`--project-dir`, default cwd). */
  projectDir: string;
  /** The master key the Worker will demand (checked for strength unless allowWeakMasterKey). */
  masterKey: string;
  allowWeakMasterKey?: boolean;
  stateBackend: StateBackend;
  /** Show every step and file, call nothing. */
  dryRun?: boolean;
  /** Write the deploy payload to this file (mode 0600) and stop. */
  exportOnly?: { out: string };
  /** The local config file to deploy (default: the usual path under HOME). */
  configPath?: string;
  /** Do not ask the deployed URL for /health afterwards (tests; hosts that are not reachable from here). */
  skipHealthCheck?: boolean;
}

export type DeployStepId = 'verify-token' | 'resolve-target' | 'check-key' | 'seal-config' | 'write-project' | 'upload' | 'verify-health';

export interface DeployEvent {
  step: DeployStepId;
  status: 'start' | 'ok' | 'fail' | 'skip';
  /** One line for a human: what was done or why it failed. */
  detail?: string;
}

export interface DeployResult {
  ok: boolean;
  dryRun: boolean;
  workerName: string;
  /** https://… (undefined when not known, e.g. dry run of a workers.dev target without a subdomain). */
  url?: string;
  stateBackend: StateBackend;
  bundleBytes: number;
  sealedConfigBytes: number;
  /** Files written (project files, the export), each with its size in bytes. */
  files: { path: string; bytes: number; note: string }[];
  /** Secret names uploaded (never their values). */
  secrets: string[];
  /** Copy-paste snippets for Claude Code and Codex pointing at the Worker. */
  snippets: { tool: string; text: string }[];
  warnings: string[];
  /** What failed, and what was left in place (so nothing half-deployed goes unmentioned). */
  error?: { step: DeployStepId; message: string; leftInPlace: string[]; code?: string; exitCode?: number };
}

export interface RotateKeyRequest {
  token: string;
  accountId: string;
  env?: string;
  projectDir: string;
  /** The new key (generated, typed, or the local config's with `--use-config-key`). */
  masterKey: string;
  allowWeakMasterKey?: boolean;
  dryRun?: boolean;
}

export interface RotateKeyResult {
  ok: boolean;
  dryRun: boolean;
  workerName: string;
  /** The secret existed before (false: it was created now). */
  replaced: boolean;
  warnings: string[];
  /** The catalog code and the CLI's exit code come along so the CLI and the TUI word it alike. */
  error?: { message: string; code?: string; exitCode?: number };
}

/**
 * What the TUI wizard calls (src/deploy/index.ts exports the real one as `deployApi`; tests
 * pass fakes). The CLI commands run the same functions.
 */
export interface DeployApi {
  checkToken(token: string, signal?: AbortSignal): Promise<TokenCheck>;
  listZones(token: string, accountId: string, signal?: AbortSignal): Promise<CloudflareZone[]>;
  generateMasterKey(): string;
  /** Problems that make a key weak (empty: strong), as the seed's strength check. */
  masterKeyProblems(key: string): string[];
  deploy(request: DeployRequest, onEvent: (event: DeployEvent) => void, signal?: AbortSignal): Promise<DeployResult>;
  rotateKey(request: RotateKeyRequest, onEvent: (event: DeployEvent) => void, signal?: AbortSignal): Promise<RotateKeyResult>;
}
