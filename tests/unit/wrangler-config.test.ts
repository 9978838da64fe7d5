import { describe, expect, it } from 'vitest';
import { checkRouteTarget } from '../../src/deploy/deploy.js';
import { displayCommand, lastMeaningfulLines } from '../../src/deploy/wrangler.js';
import { guessZone, hostInZone, normaliseRoutePattern, targetUrl, workerName, wranglerConfig } from '../../src/deploy/wrangler-config.js';

describe('wranglerConfig', () => {
  it('workers.dev with the Durable Object: the binding, the SQLite migration, preview URLs off, no re-bundling', () => {
    expect(wranglerConfig({ target: { kind: 'workers-dev' }, stateBackend: 'durable-object' })).toEqual({
      name: 'llm-router',
      main: 'worker.js',
      compatibility_date: '2026-04-01',
      no_bundle: true,
      rules: [{ type: 'ESModule', globs: ['**/*.js'] }],
      workers_dev: true,
      preview_urls: false,
      durable_objects: { bindings: [{ name: 'LLM_ROUTER_STATE', class_name: 'RoutingStateObject' }] },
      migrations: [{ tag: 'v1', new_sqlite_classes: ['RoutingStateObject'] }],
    });
  });

  it('a route with memory state: routes on the zone, workers.dev off, no DO, no migration', () => {
    const c = wranglerConfig({ target: { kind: 'route', pattern: 'llm.example.com', zoneName: 'example.com' }, stateBackend: 'memory' });
    expect(c).toMatchObject({ workers_dev: false, preview_urls: false, routes: [{ pattern: 'llm.example.com/*', zone_name: 'example.com' }] });
    expect(c.durable_objects).toBeUndefined();
    expect(c.migrations).toBeUndefined();
  });

  it('--env repeats the target and binding in the environment (wrangler does not inherit them)', () => {
    const c = wranglerConfig({ target: { kind: 'workers-dev' }, stateBackend: 'durable-object', env: 'staging' });
    expect((c.env as any).staging).toEqual({
      workers_dev: true,
      preview_urls: false,
      durable_objects: { bindings: [{ name: 'LLM_ROUTER_STATE', class_name: 'RoutingStateObject' }] },
    });
    expect(workerName('staging')).toBe('llm-router-staging');
  });
});

describe('targets', () => {
  it.each([
    ['llm.example.com', 'llm.example.com/*'],
    ['https://llm.example.com', 'llm.example.com/*'],
    ['llm.example.com/v1/*', 'llm.example.com/v1/*'],
  ])('route pattern %j -> %j', (input, pattern) => expect(normaliseRoutePattern(input)).toBe(pattern));

  it('matches hosts to zones, wildcards included, and guesses the zone for hints', () => {
    expect(hostInZone('llm.example.com', 'example.com')).toBe(true);
    expect(hostInZone('example.com', 'example.com')).toBe(true);
    expect(hostInZone('*.example.com', 'example.com')).toBe(true);
    expect(hostInZone('llm.badexample.com', 'example.com')).toBe(false);
    expect(hostInZone('llm.other.org', 'example.com')).toBe(false);
    expect(guessZone('a.b.other.org')).toBe('other.org');
  });

  it('refuses a route outside its zone, naming both', () => {
    expect(() => checkRouteTarget({ target: { kind: 'route', pattern: 'llm.other.org/*', zoneName: 'example.com' } })).toThrow(/llm\.other\.org.*example\.com/);
    expect(() => checkRouteTarget({ target: { kind: 'route', pattern: 'llm.example.com/*', zoneName: 'example.com' } })).not.toThrow();
  });

  it('URLs: workers.dev with the account subdomain, the route host, none for wildcards', () => {
    expect(targetUrl({ kind: 'workers-dev' }, undefined, 'acme')).toBe('https://llm-router.acme.workers.dev');
    expect(targetUrl({ kind: 'workers-dev' }, 'staging', 'acme')).toBe('https://llm-router-staging.acme.workers.dev');
    expect(targetUrl({ kind: 'workers-dev' }, undefined, undefined)).toBeUndefined();
    expect(targetUrl({ kind: 'route', pattern: 'llm.example.com/*', zoneName: 'example.com' }, undefined, undefined)).toBe('https://llm.example.com');
    expect(targetUrl({ kind: 'route', pattern: '*.example.com/*', zoneName: 'example.com' }, undefined, undefined)).toBeUndefined();
  });
});

describe('wrangler output and command display', () => {
  it('keeps the error block of a failure, without tables and bug-report boilerplate', () => {
    const out = [
      'Total Upload: 0.31 KiB / gzip: 0.21 KiB',
      'env.LLM_ROUTER_MASTER_KEY ("(hidden)")              Environment Variable',
      '',
      '\u001b[31m✘ [ERROR]\u001b[0m A request to the Cloudflare API (/accounts/a/workers/scripts/llm-router) failed.',
      '  Upload refused [code: 10013]',
      '  If you think this is a bug, please open an issue at: https://github.com/cloudflare/workers-sdk/issues/new/choose',
      '🪵  Logs were written to "/tmp/x.log"',
    ].join('\n');
    expect(lastMeaningfulLines(out)).toEqual([
      '[ERROR] A request to the Cloudflare API (/accounts/a/workers/scripts/llm-router) failed.',
      'Upload refused [code: 10013]',
    ]);
    expect(lastMeaningfulLines('a\nb\nc\n\nd', 2)).toEqual(['c', 'd']);
  });

  it('shows a command with shell quoting where needed', () => {
    expect(displayCommand(['deploy', '--secrets-file', '<temp>/secrets.json', '--env', 'my env'])).toBe(
      "wrangler deploy --secrets-file <temp>/secrets.json --env 'my env'",
    );
  });
});
