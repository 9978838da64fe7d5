import { afterEach, describe, expect, it } from 'vitest';
import { KEY, runningStats, startTui, twoProviders, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h.done());

const stats = runningStats;

const withBucket = () => {
  const c = twoProviders() as any;
  c.providers[0].rateLimits = [{ id: 'per-minute', name: 'per minute', models: ['all'], requests: 40, window: { unit: 'minute', size: 1 } }];
  c.modelAliases = { coding: { strategy: 'weighted-rr', targets: [{ ref: 'openai/gpt-4.1', weight: 3 }, { ref: 'anthropic/claude-sonnet-4' }] } };
  return c;
};

describe('TUI: home', () => {
  it('shows the live gateway, counters, routing and bucket fill; reload reports a refused config', async () => {
    h = await startTui({ config: withBucket(), stats: stats() });
    await h.waitFor('● running pid 777 on http://127.0.0.1:8787, up 2m 5s');
    expect(h.frame()).toContain('openai 12 req, 1 err');
    expect(h.frame()).toContain('last reload: applied at 10:00:00 UTC');
    expect(h.frame()).toContain('coding → weighted-rr: openai/gpt-4.1@3, anthropic/claude-sonnet-4');
    expect(h.frame()).toMatch(/openai\/per minute: ▮{6}▯{2} 30\/40/);
    h.daemon.nextReload = { at: '2026-11-24T10:05:00.000Z', ok: false, error: 'providers[0].baseUrl: must be a URL' };
    await h.press('r', 'Config refused; the previous one keeps serving: providers[0].baseUrl: must be a URL');
    expect(h.daemon.calls).toEqual(['reload']);
  });

  it('shows shared Redis state, and says when the gateway serves on local state without it', async () => {
    const redis = { backend: 'redis' as const, url: 'redis://***@10.0.0.5:6379', namespace: 'team-a', failMode: 'open' as const };
    h = await startTui({ config: twoProviders(), stats: { ...stats(), state: { ...redis, connected: true } } });
    await h.waitFor('state shared on Redis redis://***@10.0.0.5:6379 (team-a)');
    h.daemon.current = { ...stats(), state: { ...redis, connected: false, downSince: '2026-11-24T10:02:00.000Z', lastError: 'connect ECONNREFUSED' } };
    await h.waitFor('Redis unavailable since 10:02:00 UTC: serving on local state');
  });

  it('starts and stops the gateway from the keyboard', async () => {
    h = await startTui({ config: twoProviders() });
    await h.waitFor('○ stopped');
    await h.press('s', 'Started (pid 4242) on http://127.0.0.1:8787');
    h.daemon.current = stats();
    await h.waitFor('● running pid 777');
    await h.press('x', 'Stopped (pid 777).');
    await h.waitFor('Gateway ○ stopped');
    expect(h.daemon.calls).toEqual(['start', 'stop']);
  });

  it('opens the help panel with ?, closes it with Esc, and opens the Deploy screen', async () => {
    h = await startTui({ config: twoProviders() });
    await h.press('?', 'Keys');
    expect(h.frame()).toContain('Esc           back');
    await h.press(KEY.esc, 'Providers (2)');
    expect(h.frame()).not.toContain('? or Esc closes');
    for (let i = 0; i < 6; i += 1) await h.press(KEY.down);
    expect(h.frame()).toMatch(/❯ Deploy to Cloudflare Workers \(hosted gateway, key rotation\)/);
    // This harness gives the TUI no deploy code: the screen says so instead of offering a dead wizard.
    await h.press(KEY.enter, 'The hosted deploy is not part of this build.');
    expect(h.frame()).toContain('Rotate the Worker key…');
    await h.press(KEY.esc, 'Providers (2)');
  });

  it('shows an unreadable config instead of editing it', async () => {
    h = await startTui({ config: { version: 2, providers: 'nope' }, expectError: true });
    await h.waitFor('Cannot use');
    expect(h.frame()).toContain('nothing was changed');
  });
});
