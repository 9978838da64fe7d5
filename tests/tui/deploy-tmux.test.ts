/**
 * The deploy wizard in a real terminal (tmux, 80x24), through the REAL DeployApi (the
 * built CLI's src/deploy, real wrangler) against the fake Cloudflare API: token from the
 * environment, the account, workers.dev, a generated key, the state backend, the Review
 * page (from a dry run, which uploads nothing), then the deploy itself; what it uploaded
 * is run under Miniflare and answers a model request with the key the wizard showed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeTempHome, type TempHome } from '../helpers/cli.js';
import { runUpload } from '../helpers/deployed-worker.js';
import { startFakeCloudflare, type FakeCloudflare } from '../helpers/fake-cloudflare.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { fakeConfig } from '../helpers/gateway.js';
import { startTmux, tmuxAvailable, type TmuxSession } from '../helpers/tmux.js';

const ready = tmuxAvailable('the deploy wizard walk-through');

let t: TempHome;
let term: TmuxSession;
let fake: FakeCloudflare;
let provider: FakeProvider;
const recorded = () => fake.requests.map((r) => ({ method: r.method, path: r.path }));

describe.skipIf(!ready)('TUI deploy wizard in a real terminal (tmux) with the real DeployApi', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    fake = await startFakeCloudflare();
    provider = await startFakeProvider();
    t = await makeTempHome();
    await t.writeConfig(fakeConfig(provider.url));
    const env = `HOME='${t.home}' NO_COLOR=1 WRANGLER_SEND_METRICS=false CLOUDFLARE_API_BASE_URL='${fake.apiBase}' CLOUDFLARE_API_TOKEN='${fake.token}'`;
    term = await startTmux(`llr-deploy-${process.pid}`, `cd '${t.home}' && ${env} '${process.execPath}' '${BIN}'; echo "EXITED-$?"; sleep 60`);
  });
  afterAll(async () => {
    term?.kill();
    await fake?.close();
    await provider?.close();
    await t?.cleanup();
  });

  const moveTo = async (line: RegExp) => {
    for (let i = 0; i < 14 && !line.test(await term.screen()); i += 1) await term.keys('Down');
    await term.waitFor(line, 2000);
  };

  it('walks token (from the environment) → account → workers.dev → generated key → backend → Review (a dry run) → deploy, and the upload serves', async () => {
    await term.waitFor('llm-router › Home');
    await term.keys('Escape'); // the first-launch key help
    await moveTo(/❯ Deploy to Cloudflare Workers/);
    await term.keys('Enter');
    await term.waitFor('Cloudflare token: from CLOUDFLARE_API_TOKEN.');
    await term.keys('Enter');
    const afterToken = await term.waitFor(/Where should the Worker answer\?|Which one gets the Worker\?/, 15_000);
    if (afterToken.includes('Which one gets the Worker?')) await term.keys('Enter');
    await term.waitFor('❯ workers.dev');
    expect(await term.screen()).toContain('token from CLOUDFLARE_API_TOKEN');
    await term.keys('Enter');
    await term.waitFor('Master key the Worker demands');
    await moveTo(/❯ Generate a new key/);
    await term.keys('Enter');
    const shown = await term.waitFor('shown only this once');
    expect(shown).toMatch(/gw_\S{20,}/);
    await term.keys('Enter');
    await term.waitFor('❯ Durable Object (default)');
    await term.keys('Enter');
    const review = await term.waitFor('Files in', 30_000);
    expect(review).toContain('Target:   workers.dev');
    expect(review).toContain('State:    Durable Object (exact caps across isolates)');
    expect(review).toMatch(/Worker: {3}\S+/);
    expect(review).toContain('LLM_ROUTER_MASTER_KEY');
    expect(review).toMatch(/worker\.js \d/);
    expect(review).toContain('❯ Deploy now');
    expect(review.split('\n').every((line) => line.length <= 80)).toBe(true);
    // The token was verified through the fake, and the dry run sent nothing that changes an account.
    const requests = recorded();
    expect(requests.some((r) => r.path.includes('/user/tokens/verify'))).toBe(true);
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
    // Deploy for real (through the fake API): live steps, then the URL and the snippets.
    await term.keys('Enter');
    const done = await term.waitFor(/Deployed llm-router to https:\/\/\S+/, 60_000);
    expect(done).toContain('State: Durable Object');
    expect(fake.uploads).toHaveLength(1);
    // What the wizard uploaded is a working gateway that demands the key it showed once.
    const key = /gw_[A-Za-z0-9_-]{20,}/.exec(shown)![0];
    const worker = await runUpload(fake.uploads[0]!);
    try {
      const call = (k: string) =>
        fetch(`${worker.url}/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': k, 'anthropic-version': '2023-06-01' },
          body: JSON.stringify({ model: 'an/ok', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
        });
      const ok = await call(key);
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { content: { text: string }[] }).content[0]?.text).toBe('Hello from claude:ok');
      expect((await call('not-the-key')).status).toBe(401);
    } finally {
      await worker.close();
    }
    await term.keys('q');
    await term.waitFor('EXITED-0');
  });
});
