/**
 * A fake Cloudflare API on loopback, answering what our client (src/deploy/cloudflare-api.ts)
 * and real wrangler 4.86.0 call for `deploy`, `secret list` and `secret put` (point
 * CLOUDFLARE_API_BASE_URL at `apiBase`). It keeps per-script state (exists, migration tag,
 * secrets), records every request, parses script uploads (multipart: the metadata part and
 * each module), and has fault switches. Unknown routes answer 404 and are recorded as such.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { listenOnLoopback } from './listen.js';

export interface CfRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  /** Parsed JSON body, when it was JSON. */
  body?: unknown;
  /** Set when no route matched. */
  unknown?: boolean;
}

export interface UploadedModule {
  name: string;
  type: string;
  content: string;
}

export interface ScriptUpload {
  script: string;
  path: string;
  metadata: any;
  modules: UploadedModule[];
}

export interface CfFaults {
  /** Token verification and every authenticated call fail: 'invalid' (401, code 1000) or 'forbidden' (403, code 10000). */
  badToken?: 'invalid' | 'forbidden';
  /** The script upload answers 500 (after the service look-up succeeded). */
  uploadFails?: boolean;
  /** GET /zones answers an empty list. */
  noZones?: boolean;
  /** `secret put` answers 500. */
  secretPutFails?: boolean;
  /** The token sees no account (memberships and /accounts empty). */
  noAccounts?: boolean;
}

export interface FakeCloudflareOptions {
  token?: string;
  accounts?: { id: string; name: string }[];
  zones?: { id: string; name: string; accountId: string }[];
  subdomain?: string;
}

interface ScriptState {
  migrationTag?: string;
  secrets: Map<string, string>;
  deployedFrom?: string;
}

export interface FakeCloudflare {
  url: string;
  /** The value for CLOUDFLARE_API_BASE_URL. */
  apiBase: string;
  token: string;
  /** The accounts the token can use (mutable: push one to test a choice between several). */
  accounts: { id: string; name: string }[];
  requests: CfRequest[];
  uploads: ScriptUpload[];
  scripts: Map<string, ScriptState>;
  faults: CfFaults;
  /** Requests whose path matches (method optional), in order. */
  calls(pathPattern: RegExp, method?: string): CfRequest[];
  reset(): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown> | unknown[] | null;
interface Payload {
  contentType: string;
  raw: Buffer;
}
interface Reply {
  status: number;
  body: Json;
}

const ok = (result: unknown, extra: Record<string, unknown> = {}): Reply => ({
  status: 200,
  body: { success: true, errors: [], messages: [], result, ...extra },
});
const fail = (status: number, code: number, message: string): Reply => ({
  status,
  body: { success: false, errors: [{ code, message }], messages: [], result: null },
});

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseUpload(script: string, path: string, contentType: string, raw: Buffer): Promise<ScriptUpload> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const upload: ScriptUpload = { script, path, metadata: undefined, modules: [] };
  for (const [name, value] of form.entries()) {
    const text = typeof value === 'string' ? value : await value.text();
    if (name === 'metadata') upload.metadata = JSON.parse(text);
    else upload.modules.push({ name, type: typeof value === 'string' ? 'text' : value.type, content: text });
  }
  return upload;
}

export async function startFakeCloudflare(options: FakeCloudflareOptions = {}): Promise<FakeCloudflare> {
  const token = options.token ?? 'cf-test-token-0123456789';
  const accounts = [...(options.accounts ?? [{ id: 'acc0000000000000000000000000001', name: 'Test Account' }])];
  const zones = options.zones ?? [{ id: 'zone000000000000000000000000001', name: 'example.com', accountId: accounts[0]!.id }];
  const subdomain = options.subdomain ?? 'fake-sub';
  const requests: CfRequest[] = [];
  const uploads: ScriptUpload[] = [];
  const scripts = new Map<string, ScriptState>();
  const zoneRoutes: { id: string; zoneId: string; pattern: string; script: string }[] = [];
  const faults: CfFaults = {};
  let versions = 0;

  function route(method: string, path: string, query: URLSearchParams, record: CfRequest, payload: Payload): Reply | Promise<Reply> | undefined {
    if (method === 'GET' && path === '/user/tokens/verify') {
      if (faults.badToken === 'invalid' || record.authorization !== `Bearer ${token}`) return fail(401, 1000, 'Invalid API Token');
      return ok({ id: 'tok1', status: 'active' });
    }
    if (faults.badToken === 'forbidden') return fail(403, 10000, 'Authentication error');
    if (faults.badToken === 'invalid' || record.authorization !== `Bearer ${token}`) return fail(401, 10001, 'Unable to authenticate request');
    const visible = faults.noAccounts ? [] : accounts;
    if (method === 'GET' && path === '/memberships')
      return ok(visible.map((a, i) => ({ id: `mem${i}`, status: 'accepted', account: { id: a.id, name: a.name } })));
    if (method === 'GET' && path === '/accounts') return ok(visible);
    if (method === 'GET' && path === '/zones') {
      const name = query.get('name');
      const account = query.get('account.id');
      const found = faults.noZones
        ? []
        : zones
            .filter((z) => (!name || z.name === name) && (!account || z.accountId === account))
            .map((z) => ({ id: z.id, name: z.name, account: { id: z.accountId } }));
      return ok(found, { result_info: { page: 1, per_page: 50, count: found.length, total_count: found.length } });
    }
    const zr = /^\/zones\/([^/]+)\/workers\/routes$/.exec(path);
    if (zr) {
      if (!zones.some((z) => z.id === zr[1])) return fail(404, 7003, 'Could not route to /zones: unknown zone');
      if (method === 'GET') return ok(zoneRoutes.filter((r) => r.zoneId === zr[1]).map(({ id, pattern, script }) => ({ id, pattern, script })));
      if (method === 'POST') {
        const body = record.body as { pattern: string; script: string };
        const route = { id: `route${zoneRoutes.length + 1}`, zoneId: zr[1]!, pattern: body.pattern, script: body.script };
        zoneRoutes.push(route);
        return ok({ id: route.id, pattern: route.pattern, script: route.script });
      }
    }
    const m = /^\/accounts\/([^/]+)\/workers\/(.*)$/.exec(path);
    if (!m || !accounts.some((a) => a.id === m[1])) return undefined;
    const rest = m[2]!;
    if (method === 'GET' && rest === 'subdomain') return ok({ subdomain });
    if (method === 'GET' && rest === 'scripts') return ok([...scripts].map(([id, s]) => ({ id, migration_tag: s.migrationTag })));
    const svc = /^services\/([^/]+)$/.exec(rest);
    if (method === 'GET' && svc) {
      const s = scripts.get(svc[1]!);
      if (!s) return fail(404, 10007, 'This Worker does not exist on your account.');
      return ok({
        id: svc[1],
        default_environment: { environment: 'production', script: { id: svc[1], tag: `tag-${svc[1]}`, tags: [], last_deployed_from: 'wrangler' } },
      });
    }
    const sc = /^scripts\/([^/]+)(?:\/(.*))?$/.exec(rest);
    if (!sc) return undefined;
    const name = sc[1]!;
    const sub = sc[2] ?? '';
    const state = scripts.get(name);
    if (sub === '' && method === 'PUT') return upload(name, path, record, payload, true);
    if (sub === 'versions' && method === 'POST') return upload(name, path, record, payload, false);
    if (!state) return fail(404, 10007, 'This Worker does not exist on your account.');
    if (sub === 'deployments' && method === 'POST') return ok({ id: `dep-${versions}` });
    if (sub === 'deployments' && method === 'GET') return ok({ deployments: [] });
    if (sub === 'versions' && method === 'GET') return ok({ items: [] });
    if (sub === 'script-settings' && method === 'PATCH') return ok({});
    if (sub === 'settings' && method === 'GET') return ok({ bindings: [...state.secrets.keys()].map((n) => ({ name: n, type: 'secret_text' })) });
    if (sub === 'subdomain' && method === 'GET') return ok({ enabled: false, previews_enabled: false });
    if (sub === 'subdomain' && method === 'POST') return ok(record.body ?? {});
    if (sub === 'routes' && method === 'PUT') return ok(record.body ?? []);
    if (sub === 'routes' && method === 'GET') return ok([]);
    if (sub === 'secrets' && method === 'GET') return ok([...state.secrets.keys()].map((n) => ({ name: n, type: 'secret_text' })));
    if (sub === 'secrets' && method === 'PUT') {
      if (faults.secretPutFails) return fail(500, 10013, 'An unknown error has occurred (fake secret put failure)');
      const body = record.body as { name: string; text: string; type: string };
      state.secrets.set(body.name, body.text);
      return ok({ name: body.name, type: body.type });
    }
    return undefined;
  }

  async function upload(name: string, path: string, record: CfRequest, payload: Payload, put: boolean): Promise<Reply> {
    const parsed = await parseUpload(name, path, payload.contentType, payload.raw);
    record.body = { metadata: parsed.metadata, modules: parsed.modules.map((x) => x.name) };
    uploads.push(parsed);
    if (faults.uploadFails) return fail(500, 10013, 'An unknown error has occurred (fake upload failure)');
    const state = scripts.get(name) ?? { secrets: new Map<string, string>() };
    const tag = parsed.metadata?.migrations?.new_tag;
    if (typeof tag === 'string') state.migrationTag = tag;
    for (const b of parsed.metadata?.bindings ?? []) if (b.type === 'secret_text') state.secrets.set(b.name, b.text);
    scripts.set(name, state);
    versions += 1;
    const id = `0000000000000000000000000000000${versions}`.slice(-32);
    return put
      ? ok({ id: name, etag: `etag${versions}`, deployment_id: id, startup_time_ms: 3 })
      : ok({ id, resources: { script: { etag: `etag${versions}` } }, startup_time_ms: 3 });
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = await readBody(req);
      const contentType = String(req.headers['content-type'] ?? '');
      const path = url.pathname.replace(/^\/client\/v4/, '');
      const record: CfRequest = { method: req.method ?? 'GET', path, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization };
      if (raw.length > 0 && contentType.includes('json')) record.body = JSON.parse(raw.toString('utf8'));
      requests.push(record);
      let reply = await route(record.method, path, url.searchParams, record, { contentType, raw });
      if (!reply) {
        record.unknown = true;
        reply = fail(404, 7003, `No route for that URI (fake: ${record.method} ${path})`);
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    })().catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: false, errors: [{ code: 1, message: String(err) }] }));
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    apiBase: `${url}/client/v4`,
    token,
    accounts,
    requests,
    uploads,
    scripts,
    faults,
    calls: (pattern, method) => requests.filter((r) => pattern.test(r.path) && (!method || r.method === method)),
    reset() {
      requests.length = 0;
      uploads.length = 0;
      scripts.clear();
      zoneRoutes.length = 0;
      for (const k of Object.keys(faults)) delete faults[k as keyof CfFaults];
    },
    close,
  };
}
