/** A real gateway (real sockets, real undici client) in front of the fake provider. */
import type { Config } from '../../src/config/schema.js';
import { createApp, type AppOptions } from '../../src/gateway/node/create-app.js';
import { runtimeOptionsFromEnv, type RuntimeOptions } from '../../src/gateway/core/runtime-options.js';
import { createUpstreamClient } from '../../src/upstream/client.js';
import { shutdownGateway } from '../../src/gateway/node/shutdown.js';

export const MODELS = [
  'ok',
  'tools',
  'fail-429',
  'fail-500',
  'fail-400',
  'stream-error-first',
  'slow-headers',
  'slow-stream',
  'hang-stream',
  'slow-first-token',
  'flaky',
  'fail-401',
  'fail-402',
  'fail-404',
  'fail-403-policy',
  'error-after-output',
  'fail-twice',
  'truncated-json',
  'invalid-json',
];

export function fakeConfig(fakeUrl: string, extra: Partial<Config> = {}): Config {
  return {
    version: 2,
    providers: [
      {
        id: 'oa',
        name: 'Fake OpenAI',
        baseUrl: `${fakeUrl}/v1`,
        apiKey: 'sk-oa-upstream-key',
        format: 'openai',
        formats: ['openai'],
        models: MODELS.map((id) => (id === 'fail-500' ? { id, fallbackModels: ['an/ok'] } : { id })),
        rateLimits: [],
      },
      {
        id: 'an',
        name: 'Fake Anthropic',
        baseUrl: fakeUrl,
        apiKey: 'sk-an-upstream-key',
        format: 'claude',
        formats: ['claude'],
        anthropicBeta: 'prompt-caching-2024-07-31',
        models: MODELS.map((id) => ({ id })),
        rateLimits: [],
      },
    ],
    modelAliases: {
      'after-429': { strategy: 'ordered', targets: [{ ref: 'oa/fail-429' }, { ref: 'an/ok' }] },
      'after-error-event': { strategy: 'ordered', targets: [{ ref: 'an/stream-error-first' }, { ref: 'oa/ok' }] },
      'after-400': { strategy: 'ordered', targets: [{ ref: 'oa/fail-400' }, { ref: 'an/ok' }] },
      'after-slow': { strategy: 'ordered', targets: [{ ref: 'oa/slow-headers' }, { ref: 'an/ok' }] },
    },
    defaultModel: 'oa/ok',
    ...extra,
  };
}

export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

export async function startGateway(
  config: Config,
  env: NodeJS.ProcessEnv = {},
  overrides: Partial<RuntimeOptions> = {},
  extras: Pick<AppOptions, 'onRecord' | 'metrics'> = {},
): Promise<RunningGateway & { requests: () => number }> {
  const upstream = createUpstreamClient();
  let calls = 0;
  const send: typeof upstream.send = (request) => {
    calls += 1;
    return upstream.send(request);
  };
  const app = createApp({
    getConfig: () => config,
    env,
    options: runtimeOptionsFromEnv(env, overrides),
    send,
    version: 'test',
    now: () => 1_763_900_000,
    ...extras,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => calls,
    close: async () => {
      await shutdownGateway(app, 2_000);
      await upstream.close();
    },
  };
}
