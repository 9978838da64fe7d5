/**
 * The deploy wizard in a real terminal (tmux, 80x24), through the REAL DeployApi (the
 * built CLI's src/deploy) against the fake Cloudflare API: token from the environment,
 * the account, workers.dev, a generated key, the state backend, up to the Review page,
 * whose contents come from a dry run. Nothing may be uploaded on the way.
 *
 * Needs tests/helpers/fake-cloudflare.ts (the deploy work's helper); skipped until it
 * exists. Assumed shape: `startFakeCloudflare()` resolving to `{ url, close() }` plus the
 * requests it recorded (`requests`, each with `method` and `path` or `url`) and
 * optionally the token it accepts (`token`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeTempHome, providerArgs, type TempHome } from '../helpers/cli.js';
import { startTmux, tmuxAvailable, type TmuxSession } from '../helpers/tmux.js';

const FAKE = fileURLToPath(new URL('../helpers/fake-cloudflare.ts', import.meta.url));
const ready = existsSync(FAKE) && tmuxAvailable('the deploy wizard walk-through');

let t: TempHome;
let term: TmuxSession;
let fake: any;
const recorded = (): { method: string; path: string }[] =>
  (fake.requests ?? []).map((r: any) => ({ method: String(r.method), path: String(r.path ?? r.url ?? '') }));

describe.skipIf(!ready)('TUI deploy wizard in a real terminal (tmux) with the real DeployApi', () => {
  beforeAll(async () => {
    const mod: any = await import(pathToFileURL(FAKE).href);
    fake = await mod.startFakeCloudflare();
    t = await makeTempHome();
    expect((await t.run(providerArgs('openai'))).exitCode).toBe(0);
    const token = fake.token ?? 'fake-cloudflare-token';
    const env = `HOME='${t.home}' NO_COLOR=1 WRANGLER_SEND_METRICS=false CLOUDFLARE_API_BASE_URL='${fake.url}' CLOUDFLARE_API_TOKEN='${token}'`;
    term = await startTmux(`llr-deploy-${process.pid}`, `cd '${t.home}' && ${env} '${process.execPath}' '${BIN}'; echo "EXITED-$?"; sleep 60`);
  });
  afterAll(async () => {
    term?.kill();
    await fake?.close?.();
    await t?.cleanup();
  });

  const moveTo = async (line: RegExp) => {
    for (let i = 0; i < 14 && !line.test(await term.screen()); i += 1) await term.keys('Down');
    await term.waitFor(line, 2000);
  };

  it('walks token (from the environment) → account → workers.dev → generated key → backend → Review (a dry run), uploading nothing', async () => {
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
    // Back out without deploying, then quit cleanly.
    await term.keys('Escape');
    await term.waitFor('❯ Durable Object (default)');
    await term.keys('q');
    await term.waitFor('EXITED-0');
  });
});
