import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempHome, providerArgs, type TempHome } from '../helpers/cli.js';

let t: TempHome;
let original: string;
let mtime: number;

beforeAll(async () => {
  t = await makeTempHome();
  for (const args of [
    providerArgs('openAI'),
    providerArgs('claude', ['--format=claude']),
    ['config', '--operation=upsert-model-alias', '--alias-id=fast', '--targets=openAI/m1,claude/m1'],
    ['config', '--operation=upsert-model-alias', '--alias-id=outer', '--targets=fast'],
    ['config', '--operation=set-provider-rate-limits', '--provider-id=openAI', '--bucket-name=cap', '--bucket-requests=5', '--bucket-window=minute:1'],
  ]) {
    const r = await t.run(args);
    if (r.exitCode !== 0) throw new Error(`setup failed: ${args.join(' ')}: ${r.stderr}`);
  }
  original = await t.readConfigText();
  mtime = (await stat(t.configPath)).mtimeMs;
});
afterAll(() => t.cleanup());

const op = (name: string, ...flags: string[]) => ['config', `--operation=${name}`, ...flags];

// [what, argv, text the error must contain]
const cases: [string, string[], string][] = [
  ['missing provider id', op('remove-provider'), '--provider-id: is required'],
  ['unknown provider', op('remove-provider', '--provider-id=nope'), 'unknown provider "nope"'],
  ['provider id in the wrong case', op('remove-model', '--provider-id=openai', '--model=m1'), 'did you mean "openAI"?'],
  ['unknown model', op('remove-model', '--provider-id=openAI', '--model=m9'), 'provider "openAI" has no model "m9" (known: m1, m2)'],
  [
    'bad base URL',
    op('upsert-provider', '--provider-id=x', '--base-url=not a url', '--models=a', '--format=openai'),
    '--base-url: must be an http(s) URL (got "not a url")',
  ],
  [
    'bad URL in a list',
    op('upsert-provider', '--provider-id=x', '--endpoints=https://ok.test,ftp://no.test', '--models=a'),
    '--endpoints: must be an http(s) URL (got "ftp://no.test")',
  ],
  [
    'bad format',
    op('upsert-provider', '--provider-id=x', '--base-url=https://x.test', '--models=a', '--format=gemini'),
    '--format: must be one of openai, claude, responses (got "gemini")',
  ],
  [
    'new provider without models and without the probe to discover them',
    op('upsert-provider', '--provider-id=x', '--base-url=https://x.test', '--skip-probe=true'),
    '--models is required for a new provider',
  ],
  ['headers that are not JSON', op('upsert-provider', '--provider-id=openAI', '--headers={bad'), '--headers is not valid JSON'],
  ['header injection', op('upsert-provider', '--provider-id=openAI', '--headers={"X-A":"1\\r\\nX-B: 2"}'), 'header "X-A" value must not contain CR, LF or NUL'],
  [
    'hop-by-hop header',
    op('upsert-provider', '--provider-id=openAI', '--headers={"Transfer-Encoding":"chunked"}'),
    'header "Transfer-Encoding" is managed by the connection',
  ],
  [
    'fallback to an unknown model',
    op('set-model-fallbacks', '--provider-id=openAI', '--model=m1', '--fallback-models=claude/opus'),
    '--fallback-models: provider "claude" has no model "opus"',
  ],
  ['fallback to itself', op('set-model-fallbacks', '--provider-id=openAI', '--model=m1', '--fallback-models=openAI/m1'), 'cannot fall back to itself'],
  ['alias cycle', op('upsert-model-alias', '--alias-id=fast', '--targets=outer'), 'alias cycle: fast -> outer -> fast'],
  ['alias with an unknown target', op('upsert-model-alias', '--alias-id=new', '--targets=openAI/gpt-9'), '--targets: provider "openAI" has no model "gpt-9"'],
  ['alias with a bad weight', op('upsert-model-alias', '--alias-id=new', '--targets=openAI/m1@-2'), 'weight in "openAI/m1@-2" must be a number greater than 0'],
  [
    'unknown strategy',
    op('upsert-model-alias', '--alias-id=fast', '--strategy=random'),
    '--strategy: must be one of auto, ordered, round-robin, weighted-rr, quota-aware-weighted-rr',
  ],
  ['removing an alias in use', op('remove-model-alias', '--alias-id=fast'), 'alias "fast" is a target of "outer"'],
  [
    'window beyond a year',
    op('set-provider-rate-limits', '--provider-id=openAI', '--bucket-name=x', '--bucket-requests=5', '--bucket-window=99999999month'),
    'at most one year',
  ],
  [
    'bad window',
    op('set-provider-rate-limits', '--provider-id=openAI', '--bucket-name=x', '--bucket-requests=5', '--bucket-window=fortnight'),
    'bad window "fortnight"',
  ],
  [
    'non-numeric cap',
    op('set-provider-rate-limits', '--provider-id=openAI', '--bucket-name=x', '--bucket-requests=lots', '--bucket-window=hour'),
    '--bucket-requests expects a number',
  ],
  [
    'fractional cap',
    op('set-provider-rate-limits', '--provider-id=openAI', '--bucket-name=x', '--bucket-requests=2.5', '--bucket-window=hour'),
    '--bucket-requests: must be a whole number',
  ],
  [
    'bucket on an unknown model',
    op('set-provider-rate-limits', '--provider-id=openAI', '--bucket-name=x', '--bucket-models=m7', '--bucket-requests=1', '--bucket-window=hour'),
    'bucket "x" names model "m7" that provider "openAI" does not have',
  ],
  [
    'removing an unknown bucket',
    op('set-provider-rate-limits', '--provider-id=openAI', '--remove-bucket=true', '--bucket-id=ghost'),
    'has no bucket "ghost" (buckets: cap)',
  ],
  ['master key modes mixed', op('set-master-key', '--master-key=abc', '--generate-master-key=true'), 'give exactly one of'],
  ['string flag without a value', op('remove-provider', '--provider-id'), '--provider-id needs a value'],
  ['unknown flag', op('upsert-model-alias', '--alias-id=fast', '--weights=1,2'), 'unknown option --weights'],
  ['stray positional', ['config', 'list'], 'unexpected argument "list"'],
];

describe('bad input exits 2, names the problem, and leaves the file byte-identical', () => {
  it.each(cases)('%s', async (_what, argv, message) => {
    const r = await t.run(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
    expect(await t.readConfigText()).toBe(original);
    expect((await stat(t.configPath)).mtimeMs).toBe(mtime);
  });
});
