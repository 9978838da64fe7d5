/**
 * The few Cloudflare API calls deploy makes itself (wrangler makes the rest): token
 * verification, accounts, zones and the account's workers.dev subdomain. Base URL from
 * CLOUDFLARE_API_BASE_URL (as wrangler), a timeout on every call, and failures put in words
 * a user can act on (never with the token in them).
 */
import type { CloudflareAccount, CloudflareZone, TokenCheck } from './types.js';

export const DEFAULT_API_BASE = 'https://api.cloudflare.com/client/v4';
const DEFAULT_TIMEOUT_MS = 15_000;

export type CloudflareProblem = 'bad-token' | 'forbidden' | 'not-found' | 'network' | 'timeout' | 'api';

export class CloudflareApiError extends Error {
  readonly problem: CloudflareProblem;
  readonly status: number | undefined;
  constructor(problem: CloudflareProblem, message: string, status?: number) {
    super(message);
    this.name = 'CloudflareApiError';
    this.problem = problem;
    this.status = status;
  }
}

export interface CloudflareClientOptions {
  token: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
}

interface Envelope<T> {
  success?: boolean;
  errors?: { code?: number; message?: string }[];
  result?: T;
}

export const TOKEN_HELP =
  'create an API token at https://dash.cloudflare.com/profile/api-tokens from the "Edit Cloudflare Workers" template ' +
  '(Account: Workers Scripts Edit, Account Settings Read; Zone: Workers Routes Edit, Zone Read for custom domains) ' +
  'and export it as CLOUDFLARE_API_TOKEN';

export function apiBase(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.CLOUDFLARE_API_BASE_URL?.trim();
  return (base && base.length > 0 ? base : DEFAULT_API_BASE).replace(/\/+$/, '');
}

function describeErrors(errors: Envelope<unknown>['errors']): string {
  const list = (errors ?? []).map((e) => `${e.message ?? 'error'}${e.code !== undefined ? ` [code ${e.code}]` : ''}`);
  return list.length > 0 ? list.join('; ') : 'no error details';
}

export function createCloudflareClient(options: CloudflareClientOptions) {
  const base = apiBase(options.env);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    const url = new URL(`${base}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
    let res: Response;
    try {
      res = await fetch(url, { headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' }, signal: AbortSignal.any(signals) });
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError') throw new CloudflareApiError('timeout', `the Cloudflare API (${url.host}) did not answer within ${timeoutMs} ms`);
      if (e.name === 'AbortError') throw new CloudflareApiError('network', 'cancelled');
      const cause = (e.cause as Error | undefined)?.message ?? e.message;
      throw new CloudflareApiError('network', `cannot reach the Cloudflare API (${url.host}): ${cause}`);
    }
    let body: Envelope<T> | undefined;
    try {
      body = (await res.json()) as Envelope<T>;
    } catch {
      body = undefined;
    }
    if (res.ok && body?.success !== false && body && 'result' in body) return body.result as T;
    const details = describeErrors(body?.errors);
    if (res.status === 401 || (body?.errors ?? []).some((e) => e.code === 1000 || e.code === 10001))
      throw new CloudflareApiError('bad-token', `Cloudflare rejected the API token (HTTP ${res.status}: ${details}); ${TOKEN_HELP}`, res.status);
    if (res.status === 403)
      throw new CloudflareApiError('forbidden', `the API token lacks a permission for ${path} (HTTP 403: ${details}); ${TOKEN_HELP}`, res.status);
    if (res.status === 404) throw new CloudflareApiError('not-found', `not found: ${path} (HTTP 404: ${details})`, res.status);
    throw new CloudflareApiError('api', `the Cloudflare API failed on ${path} (HTTP ${res.status}: ${details})`, res.status);
  }

  return {
    base,
    async verifyToken(): Promise<{ status: string }> {
      const result = await get<{ status?: string }>('/user/tokens/verify');
      return { status: result?.status ?? 'unknown' };
    },
    async listAccounts(): Promise<CloudflareAccount[]> {
      const memberships = await get<{ account?: { id?: string; name?: string }; status?: string }[]>('/memberships');
      const out = (memberships ?? [])
        .filter((m) => m.account?.id && m.status !== 'rejected')
        .map((m) => ({ id: m.account!.id!, name: m.account!.name ?? m.account!.id! }));
      if (out.length > 0) return out;
      // Account-scoped tokens see no memberships; /accounts lists what they can use.
      const accounts = await get<{ id?: string; name?: string }[]>('/accounts');
      return (accounts ?? []).filter((a) => a.id).map((a) => ({ id: a.id!, name: a.name ?? a.id! }));
    },
    async listZones(accountId: string, name?: string): Promise<CloudflareZone[]> {
      const zones = await get<{ id: string; name: string; account?: { id?: string } }[]>('/zones', {
        'account.id': accountId,
        per_page: '50',
        ...(name ? { name } : {}),
      });
      return (zones ?? []).map((z) => ({ id: z.id, name: z.name, ...(z.account?.id ? { accountId: z.account.id } : {}) }));
    },
    async workersSubdomain(accountId: string): Promise<string | undefined> {
      try {
        const result = await get<{ subdomain?: string }>(`/accounts/${encodeURIComponent(accountId)}/workers/subdomain`);
        return result?.subdomain || undefined;
      } catch (err) {
        if (err instanceof CloudflareApiError && err.problem === 'not-found') return undefined;
        throw err;
      }
    },
  };
}

export type CloudflareClient = ReturnType<typeof createCloudflareClient>;

/** Token verification as the TUI and the CLI both use it: never throws for a bad token. */
export async function checkToken(token: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<TokenCheck> {
  if (token.trim() === '') return { ok: false, problemKind: 'no-token', problem: `no API token; ${TOKEN_HELP}`, accounts: [] };
  const client = createCloudflareClient({ token, env, signal });
  try {
    const { status } = await client.verifyToken();
    if (status !== 'active')
      return { ok: false, status, problemKind: 'inactive', problem: `the API token is ${status}, not active; ${TOKEN_HELP}`, accounts: [] };
    const accounts = await client.listAccounts();
    if (accounts.length === 0)
      return { ok: false, status, problemKind: 'no-account', problem: `the API token can use no Cloudflare account; ${TOKEN_HELP}`, accounts };
    return { ok: true, status, accounts };
  } catch (err) {
    if (err instanceof CloudflareApiError) return { ok: false, problemKind: err.problem, problem: err.message, accounts: [] };
    throw err;
  }
}
