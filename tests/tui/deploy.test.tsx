/**
 * The TUI deploy wizard and "Rotate Worker key" against a fake DeployApi that records
 * every call: what the user chooses must arrive in the DeployRequest / RotateKeyRequest.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeDeployApi, type FakeDeployApi } from './fake-deploy-api.js';
import { KEY, startTui, twoProviders, type Harness, type StartOptions } from './harness.js';

let h: Harness;
let api: FakeDeployApi;
afterEach(() => h.done());

const STRONG = 'Str0ng-Worker-Key-4-Tests-xyz';

const start = async (options: StartOptions = {}) => {
  api = fakeDeployApi();
  h = await startTui({ config: twoProviders(), ...options, services: { deployApi: async () => api } });
  for (let i = 0; i < 12 && !/❯ Deploy to Cloudflare/.test(h.frame()); i += 1) await h.press(KEY.down);
  await h.press(KEY.enter, '❯ Deploy to Cloudflare Workers…');
};
/** Moves down to the menu line `label` (a regex source) and presses Enter. */
const choose = async (label: string, expect: string | RegExp) => {
  for (let i = 0; i < 10 && !new RegExp(`❯ ${label}`).test(h.frame()); i += 1) await h.press(KEY.down);
  await h.press(KEY.enter, expect);
};
const typeToken = async (token: string, expect: string | RegExp) => {
  await h.type(token, '•'.repeat(token.length));
  await h.press(KEY.enter, expect);
};
/** From the key page: type a strong key, Enter. */
const typeKey = async (key: string, expect: string | RegExp) => {
  await choose('Type a key', 'hidden as you type');
  await h.type(key, '•'.repeat(key.length));
  await h.press(KEY.enter, expect);
};

describe('TUI: deploy wizard', () => {
  it('deploys to workers.dev: token, account, generated key, dry-run review, live progress, URL and snippets', async () => {
    await start();
    await h.press(KEY.enter, 'Cloudflare API token');
    await typeToken('good-token', 'The token can use 2 accounts');
    expect(h.frame()).not.toContain('good-token');
    await choose('Side project', 'Where should the Worker answer?');
    expect(h.frame()).toContain('account Side project');
    await h.press(KEY.enter, 'Master key the Worker demands');
    await choose('Generate a new key', 'shown only this once');
    const key = api.generated[0] ?? '';
    expect(h.frame()).toContain(key);
    await h.press(KEY.enter, 'Where should the Worker keep routing state?');
    expect(h.frame()).toContain('hold exactly across all Worker isolates');
    await h.press(KEY.enter, 'Files in');
    const review = h.frame();
    expect(review).toContain('Target:   workers.dev');
    expect(review).toContain('Worker:   llm-router · URL https://llm-router.acme.workers.dev');
    expect(review).toContain('State:    Durable Object (exact caps across isolates)');
    expect(review).toContain('Files in .llm-router/worker:');
    expect(review).toContain('  worker.js 244.1 KB');
    expect(review).toContain('  sealed-config.js 3.1 KB');
    expect(review).toContain('Secrets:  LLM_ROUTER_CONFIG_KEY, LLM_ROUTER_MASTER_KEY (values never shown)');
    expect(review).toContain('OPENAI_API_KEY is not set here');
    expect(review).not.toContain(key);
    expect(api.deployRequests).toHaveLength(1);
    expect(api.deployRequests[0]?.dryRun).toBe(true);
    await h.press(KEY.enter, 'Deployed llm-router to https://llm-router.acme.workers.dev');
    const result = h.frame();
    expect(result).toContain('export ANTHROPIC_BASE_URL=https://llm-router.acme.workers.dev/anthropic');
    expect(result).toContain('base_url = "https://llm-router.acme.workers.dev/openai/v1"');
    expect(api.deployRequests[1]).toEqual({
      token: 'good-token',
      accountId: 'acc-2',
      target: { kind: 'workers-dev' },
      projectDir: h.dir,
      configPath: h.configPath,
      masterKey: key,
      stateBackend: 'durable-object',
    });
    await h.press(KEY.enter, 'Providers (2)');
  });

  it('a custom domain on the wrong zone shows the mismatch and offers to fix it', async () => {
    await start({ env: { CLOUDFLARE_API_TOKEN: 'good-token' } });
    api.accounts = [{ id: 'acc-1', name: 'Acme' }];
    await h.press(KEY.enter, 'Where should the Worker answer?');
    expect(h.frame()).toContain('account Acme (the only one)');
    await choose('A custom domain', 'Host the Worker answers on');
    await h.type('https://LLM.example.com/', 'https://LLM.example.com/');
    await h.press(KEY.enter, 'Which zone holds llm.example.com?');
    expect(h.frame()).toMatch(/❯ example\.com \(contains the host\)/);
    expect(api.zoneLookups).toEqual([{ token: 'good-token', accountId: 'acc-1' }]);
    await h.press(KEY.up, /❯ example\.org/);
    await h.press(KEY.enter, 'Mismatch: llm.example.com is not inside the zone example.org.');
    expect(h.frame()).toContain('Use the host llm.example.org on example.org');
    await choose('Use the zone example\\.com', 'Master key the Worker demands');
    expect(h.frame()).toMatch(/llm\.example\.com\/\*\s+on\s+zone\s+example\.com/);
    await typeKey(STRONG, 'Where should the Worker keep routing state?');
    await choose('Per-isolate memory', 'Files in');
    expect(h.frame()).toContain('Target:   llm.example.com/* on zone example.com');
    expect(h.frame()).toContain('State:    per-isolate memory (best effort)');
    await h.press(KEY.enter, 'Deployed llm-router to https://llm.example.com');
    expect(api.deployRequests[1]).toMatchObject({
      token: 'good-token',
      accountId: 'acc-1',
      target: { kind: 'route', pattern: 'llm.example.com/*', zoneName: 'example.com', zoneId: 'z-com' },
      masterKey: STRONG,
      stateBackend: 'memory',
    });
    expect(api.deployRequests[1]).not.toHaveProperty('allowWeakMasterKey');
  });

  it('a refused token shows the problem and can be retried; Esc goes back', async () => {
    await start();
    await h.press(KEY.enter, 'Cloudflare API token');
    await typeToken('nope', 'Cloudflare refused the token (401 Invalid API Token).');
    expect(h.frame()).toContain('Attempt 2 of 3');
    await typeToken('good-token', 'The token can use 2 accounts');
    expect(api.checkedTokens).toEqual(['nope', 'good-token']);
    await h.press(KEY.esc, 'Cloudflare API token');
    await h.press(KEY.esc, '❯ Deploy to Cloudflare Workers…');
    await h.press(KEY.esc, 'Providers (2)');
  });

  it('after three refusals the token step gives up and deploys nothing', async () => {
    await start();
    await h.press(KEY.enter, 'Cloudflare API token');
    await typeToken('bad-1', 'Attempt 2 of 3');
    await typeToken('bad-2', 'Attempt 3 of 3');
    await typeToken('bad-3', 'Refused 3 times: nothing was deployed.');
    await h.press(KEY.enter, '❯ Deploy to Cloudflare Workers…');
    expect(api.deployRequests).toEqual([]);
  });

  it('a weak key is refused until "use anyway" is chosen, and then deploys with allowWeakMasterKey', async () => {
    await start({ env: { CF_API_TOKEN: 'good-token' } });
    await h.press(KEY.enter, 'token from CF_API_TOKEN');
    await choose('Acme', 'Where should the Worker answer?');
    await h.press(KEY.enter, 'Master key the Worker demands');
    await choose('Type a key', 'hidden as you type');
    await h.type('admin', 'Weak so far:');
    expect(h.frame()).toContain('shorter than 24 characters');
    await h.press(KEY.enter, 'This key is weak');
    expect(h.frame()).toMatch(/❯ Choose another key/);
    await h.press(KEY.enter, 'hidden as you type');
    await h.type('admin', 'Weak so far:');
    await h.press(KEY.enter, 'This key is weak');
    await choose('Use this weak key anyway', 'Where should the Worker keep routing state?');
    await h.press(KEY.enter, 'Files in');
    expect(h.frame()).toContain('WEAK: allowed');
    await h.press(KEY.enter, 'Deployed');
    expect(api.deployRequests[1]).toMatchObject({ masterKey: 'admin', allowWeakMasterKey: true, token: 'good-token' });
  });

  it('a failure at upload shows the message and what was left in place', async () => {
    await start({ env: { CLOUDFLARE_API_TOKEN: 'good-token' } });
    api.failAt = 'upload';
    await h.press(KEY.enter, 'The token can use 2 accounts');
    await choose('Acme', 'Where should the Worker answer?');
    await h.press(KEY.enter, 'Master key');
    await typeKey(STRONG, 'routing state');
    await h.press(KEY.enter, 'Files in');
    await h.press(KEY.enter, 'Deploy failed at "Upload the Worker and its secrets"');
    expect(h.frame()).toMatch(/Cloudflare answered 500 to the script\s+upload\./);
    expect(h.frame()).toContain('Left in place:');
    expect(h.frame()).toContain(`${h.dir}/.llm-router/worker (project files, kept for a retry)`);
    await choose('Back to Deploy', '❯ Deploy to Cloudflare Workers…');
  });

  it('Esc during the deploy aborts it through its signal', async () => {
    await start({ env: { CLOUDFLARE_API_TOKEN: 'good-token' } });
    api.hangAt = 'upload';
    await h.press(KEY.enter, 'The token can use 2 accounts');
    await choose('Acme', 'Where should the Worker answer?');
    await h.press(KEY.enter, 'Master key');
    await typeKey(STRONG, 'routing state');
    await h.press(KEY.enter, 'Files in');
    await h.press(KEY.enter, '✓ Write the wrangler project');
    expect(h.frame()).toContain('Esc cancels');
    const signal = api.signals[api.signals.length - 1];
    expect(signal?.aborted).toBe(false);
    await h.press(KEY.esc, 'Cancelled before the upload finished.');
    expect(signal?.aborted).toBe(true);
    expect(h.frame()).toContain('Nothing was left in place.');
  });

  it('the token from the environment skips the token step', async () => {
    await start({ env: { CLOUDFLARE_API_TOKEN: 'good-token' } });
    expect(h.frame()).toContain('Cloudflare token: from CLOUDFLARE_API_TOKEN.');
    await h.press(KEY.enter, 'The token can use 2 accounts');
    expect(h.frame()).toContain('token from CLOUDFLARE_API_TOKEN');
    expect(h.frame()).not.toContain('Cloudflare API token (hidden');
    expect(api.checkedTokens).toEqual(['good-token']);
  });
});

describe('TUI: rotate the Worker key', () => {
  it('token, the only account, the local key, then rotateKey with progress and the result', async () => {
    api = fakeDeployApi();
    api.accounts = [{ id: 'acc-1', name: 'Acme' }];
    h = await startTui({ config: { ...twoProviders(), masterKey: STRONG }, services: { deployApi: async () => api } });
    for (let i = 0; i < 12 && !/❯ Deploy to Cloudflare/.test(h.frame()); i += 1) await h.press(KEY.down);
    await h.press(KEY.enter, '❯ Deploy to Cloudflare Workers…');
    await choose('Rotate the Worker key', 'Cloudflare API token');
    await typeToken('good-token', 'New key for the Worker');
    expect(h.frame()).toContain('account Acme (the only one)');
    await h.press(KEY.enter, 'Rotate the key now');
    expect(h.frame()).toContain("Str0...-xyz (the local gateway's)");
    await h.press(KEY.enter, 'Replaced LLM_ROUTER_MASTER_KEY on llm-router.');
    expect(api.rotateRequests).toEqual([{ token: 'good-token', accountId: 'acc-1', projectDir: h.dir, masterKey: STRONG }]);
    expect(api.deployRequests).toEqual([]);
    await h.press(KEY.enter, 'Providers (2)');
  });
});
