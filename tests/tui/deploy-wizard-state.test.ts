import { describe, expect, it } from 'vitest';
import { hostInZone, hostOnZone, normaliseHost, suggestZone } from '../../src/tui/state/deploy-target.js';
import {
  backDeployWizard,
  deployRequestOf,
  envToken,
  initialDeployWizard,
  reduceDeployWizard as reduce,
  rotateRequestOf,
  type DeployWizardAction,
  type DeployWizardState,
} from '../../src/tui/state/deploy-wizard.js';

const ACME = { id: 'acc-1', name: 'Acme' };
const OTHER = { id: 'acc-2', name: 'Other' };
const ZONES = [
  { id: 'z-com', name: 'example.com' },
  { id: 'z-sub', name: 'eu.example.com' },
  { id: 'z-org', name: 'example.org' },
];
const ctx = { projectDir: '/p', configPath: '/h/.llm-router.json' };
const run = (state: DeployWizardState, ...actions: DeployWizardAction[]) => actions.reduce(reduce, state);
const good = (accounts = [ACME, OTHER]): DeployWizardAction => ({ type: 'token-checked', check: { ok: true, accounts } });
const bad: DeployWizardAction = { type: 'token-checked', check: { ok: false, problem: 'Invalid API Token', accounts: [] } };

describe('deploy wizard state: token and account', () => {
  it('takes CLOUDFLARE_API_TOKEN before CF_API_TOKEN, ignoring blanks', () => {
    expect(envToken({ CF_API_TOKEN: 'b', CLOUDFLARE_API_TOKEN: 'a' })).toEqual({ value: 'a', source: 'CLOUDFLARE_API_TOKEN' });
    expect(envToken({ CF_API_TOKEN: 'b', CLOUDFLARE_API_TOKEN: '  ' })).toEqual({ value: 'b', source: 'CF_API_TOKEN' });
    expect(envToken({})).toBeUndefined();
  });

  it('an env token is checked at once; refused, it names the variable and asks for one', () => {
    const s0 = initialDeployWizard('deploy', { value: 't', source: 'CF_API_TOKEN' });
    expect(s0.step).toBe('checking-token');
    expect(backDeployWizard(s0)).toBeUndefined();
    const s1 = reduce(s0, bad);
    expect(s1).toMatchObject({ step: 'token', attempts: 1, problem: 'CF_API_TOKEN was refused: Invalid API Token', history: [] });
  });

  it('a typed token may be refused three times, then the wizard gives up; Esc never lands on the same page', () => {
    const typed = (token: string): DeployWizardAction => ({ type: 'token-entered', token, source: 'typed' });
    const s1 = run(initialDeployWizard('deploy'), typed('a'), bad);
    expect(s1).toMatchObject({ step: 'token', attempts: 1, history: [] });
    expect(reduce(s1, typed('  ')).problem).toMatch(/Paste a Cloudflare API token/);
    const s3 = run(s1, typed('b'), bad, typed('c'), bad);
    expect(s3).toMatchObject({ step: 'token-exhausted', attempts: 3 });
    expect(backDeployWizard(s3)).toBeUndefined();
  });

  it('a working token with no account is a problem; one account is chosen for the user', () => {
    expect(run(initialDeployWizard('deploy'), { type: 'token-entered', token: 't', source: 'typed' }, good([]))).toMatchObject({
      step: 'token',
      problem: expect.stringMatching(/can use no account/),
    });
    const one = run(initialDeployWizard('deploy'), { type: 'token-entered', token: 't', source: 'typed' }, good([ACME]));
    expect(one).toMatchObject({ step: 'target', account: ACME, history: ['token'] });
    const rotate = run(initialDeployWizard('rotate'), { type: 'token-entered', token: 't', source: 'typed' }, good([ACME]));
    expect(rotate.step).toBe('key');
    const two = run(initialDeployWizard('deploy'), { type: 'token-entered', token: 't', source: 'typed' }, good(), {
      type: 'account-chosen',
      accountId: 'acc-2',
    });
    expect(two).toMatchObject({ step: 'target', account: OTHER, history: ['token', 'account'] });
  });
});

describe('deploy wizard state: custom domain', () => {
  it('normalises the typed host and says what is wrong with a bad one', () => {
    expect(normaliseHost(' https://LLM.Example.com/* ')).toBe('llm.example.com');
    expect(normaliseHost('*.example.com')).toBe('*.example.com');
    expect(normaliseHost('')).toEqual({ problem: expect.stringMatching(/Type the host/) });
    expect(normaliseHost('llm.example.com:8443')).toEqual({ problem: expect.stringMatching(/path or port/) });
    expect(normaliseHost('llm.example.com/v1')).toEqual({ problem: expect.stringMatching(/path or port/) });
    expect(normaliseHost('not a host')).toEqual({ problem: expect.stringMatching(/is not a host name/) });
  });

  it('knows which zone holds a host (the most specific), and moves a host onto a zone', () => {
    expect(hostInZone('example.com', 'example.com')).toBe(true);
    expect(hostInZone('a.example.com', 'Example.com')).toBe(true);
    expect(hostInZone('*.example.com', 'example.com')).toBe(true);
    expect(hostInZone('badexample.com', 'example.com')).toBe(false);
    expect(suggestZone('llm.eu.example.com', ZONES)?.id).toBe('z-sub');
    expect(suggestZone('llm.example.net', ZONES)).toBeUndefined();
    expect(hostOnZone('llm.example.org', 'example.com')).toBe('llm.example.com');
  });

  const atZone = () =>
    run(
      initialDeployWizard('deploy', { value: 't', source: 'CLOUDFLARE_API_TOKEN' }),
      good([ACME]),
      { type: 'target-chosen', target: 'route' },
      { type: 'host-entered', host: 'llm.example.com' },
      { type: 'zones-loaded', zones: ZONES },
    );

  it('a zone that does not hold the host is a mismatch, with fixes that replace the warning', () => {
    const zone = atZone();
    expect(zone).toMatchObject({ step: 'zone', history: ['target', 'host'] });
    const mismatch = reduce(zone, { type: 'zone-chosen', zoneId: 'z-org' });
    expect(mismatch).toMatchObject({ step: 'mismatch', history: ['target', 'host', 'zone'] });
    const useZone = reduce(mismatch, { type: 'mismatch-fix', fix: 'use-zone' });
    expect(useZone).toMatchObject({ step: 'key', zone: { id: 'z-com' }, host: 'llm.example.com', history: ['target', 'host', 'zone'] });
    expect(reduce(mismatch, { type: 'mismatch-fix', fix: 'use-host' })).toMatchObject({ step: 'key', zone: { id: 'z-org' }, host: 'llm.example.org' });
    const retype = reduce(mismatch, { type: 'mismatch-fix', fix: 'retype-host' });
    expect(retype).toMatchObject({ step: 'host', history: ['target'] });
    expect(retype.zone).toBeUndefined();
    expect(reduce(mismatch, { type: 'mismatch-fix', fix: 'pick-zone' })).toMatchObject({ step: 'zone', history: ['target', 'host'] });
    expect(reduce(zone, { type: 'zone-chosen', zoneId: 'z-com' })).toMatchObject({ step: 'key', zone: { id: 'z-com' } });
  });

  it('a failed zone list goes back to the host with the reason; Esc while listing abandons it', () => {
    const listing = run(
      initialDeployWizard('deploy', { value: 't', source: 'CLOUDFLARE_API_TOKEN' }),
      good([ACME]),
      { type: 'target-chosen', target: 'route' },
      { type: 'host-entered', host: 'llm.example.com' },
    );
    expect(listing.step).toBe('loading-zones');
    expect(reduce(listing, { type: 'zones-failed', message: 'timeout' })).toMatchObject({
      step: 'host',
      history: ['target'],
      problem: 'Could not list the zones: timeout',
    });
    expect(backDeployWizard(listing)).toMatchObject({ step: 'host', history: ['target'] });
  });
});

describe('deploy wizard state: key, review, run', () => {
  const atKey = () =>
    run(initialDeployWizard('deploy', { value: 't', source: 'CLOUDFLARE_API_TOKEN' }), good([ACME]), { type: 'target-chosen', target: 'workers-dev' });

  it('a generated key is shown before moving on; a weak key needs "use anyway", and a new key resets it', () => {
    const shown = reduce(atKey(), { type: 'key-chosen', key: 'gw_x', source: 'generated', problems: [] });
    expect(shown.step).toBe('key-shown');
    expect(reduce(shown, { type: 'key-copied' }).step).toBe('backend');
    const weak = run(atKey(), { type: 'type-key' }, { type: 'key-chosen', key: 'abc', source: 'typed', problems: ['short'] });
    expect(weak).toMatchObject({ step: 'key-weak', allowWeak: false, history: ['target', 'key', 'key-type'] });
    expect(backDeployWizard(weak)?.step).toBe('key-type');
    const allowed = reduce(weak, { type: 'weak-accepted' });
    expect(allowed).toMatchObject({ step: 'backend', allowWeak: true });
    const strong = run(allowed, { type: 'back' }, { type: 'back' }, { type: 'key-chosen', key: 'K'.repeat(30), source: 'typed', problems: [] });
    expect(strong).toMatchObject({ step: 'backend', allowWeak: false });
    expect(reduce(atKey(), { type: 'key-chosen', key: '', source: 'typed', problems: [] }).problem).toMatch(/Type a key/);
  });

  it('builds the DeployRequest from the answers (dry run first) and the rotation request', () => {
    const s = run(
      initialDeployWizard('deploy', { value: 'tok', source: 'CLOUDFLARE_API_TOKEN' }),
      good([ACME]),
      { type: 'target-chosen', target: 'route' },
      { type: 'host-entered', host: 'llm.example.com' },
      { type: 'zones-loaded', zones: ZONES },
      { type: 'zone-chosen', zoneId: 'z-com' },
      { type: 'key-chosen', key: 'weak', source: 'typed', problems: ['short'] },
      { type: 'weak-accepted' },
      { type: 'backend-chosen', backend: 'memory' },
    );
    expect(s.step).toBe('preparing');
    expect(deployRequestOf(s, ctx, true)).toEqual({
      token: 'tok',
      accountId: 'acc-1',
      target: { kind: 'route', pattern: 'llm.example.com/*', zoneName: 'example.com', zoneId: 'z-com' },
      projectDir: '/p',
      configPath: '/h/.llm-router.json',
      masterKey: 'weak',
      allowWeakMasterKey: true,
      stateBackend: 'memory',
      dryRun: true,
    });
    expect(rotateRequestOf(s, ctx)).toEqual({ token: 'tok', accountId: 'acc-1', projectDir: '/p', masterKey: 'weak', allowWeakMasterKey: true });
    expect(deployRequestOf(initialDeployWizard('deploy'), ctx, false)).toBeUndefined();
    const failed = reduce(s, { type: 'preview-failed', message: 'no enabled provider' });
    expect(failed).toMatchObject({ step: 'review', problem: 'no enabled provider' });
    expect(backDeployWizard(failed)?.step).toBe('backend');
  });

  it('tracks each step of a run from its events; Esc does not leave a running deploy or the result', () => {
    const running = run(
      atKey(),
      { type: 'key-chosen', key: 'K'.repeat(30), source: 'typed', problems: [] },
      { type: 'backend-chosen', backend: 'durable-object' },
    );
    const started = reduce({ ...running, step: 'review' }, { type: 'start' });
    expect(started.progress.map((p) => p.status)).toEqual(Array(7).fill('pending'));
    const s = run(
      started,
      { type: 'event', event: { step: 'verify-token', status: 'start' } },
      { type: 'event', event: { step: 'verify-token', status: 'ok', detail: 'active' } },
      { type: 'event', event: { step: 'resolve-target', status: 'start' } },
    );
    expect(s.progress.slice(0, 3)).toEqual([
      { step: 'verify-token', status: 'ok', detail: 'active' },
      { step: 'resolve-target', status: 'running' },
      { step: 'check-key', status: 'pending' },
    ]);
    expect(backDeployWizard(s)).toBe(s);
    expect(reduce(s, { type: 'cancel' }).cancelling).toBe(true);
    const done = reduce(s, { type: 'failed', message: 'boom' });
    expect(done).toMatchObject({ step: 'result', failure: 'boom' });
    expect(backDeployWizard(done)).toBe(done);
    const rotate = reduce({ ...initialDeployWizard('rotate'), step: 'review' }, { type: 'start' });
    expect(rotate.progress).toEqual([]);
    expect(reduce(rotate, { type: 'event', event: { step: 'upload', status: 'skip' } }).progress).toEqual([{ step: 'upload', status: 'skip' }]);
  });
});
