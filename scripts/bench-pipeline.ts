/**
 * The gateway's own work per request, without sockets: resolve, plan (strategy, buckets,
 * health), prepare the upstream call, judge the answer, build the reply - against a stub
 * upstream that answers at once. Shows what routing costs apart from network noise; then
 * what the finished request's record and the metrics it feeds cost.
 */
import { Readable } from 'node:stream';
import { handleModelRequest, type GatewayContext } from '../src/gateway/core/pipeline/handle-model-request.js';
import { createRoutingRuntime } from '../src/gateway/core/routing-runtime.js';
import { RequestBody } from '../src/gateway/core/request-body.js';
import { runtimeOptionsFromEnv } from '../src/gateway/core/runtime-options.js';
import { buildRecord } from '../src/gateway/core/observe/request-record.js';
import { createGatewayMetrics } from '../src/gateway/node/metrics.js';
import type { Config } from '../src/config/schema.js';
import type { WireFormat } from '../src/formats/index.js';

const answer = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'bench',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 },
});
const config: Config = {
  version: 2,
  providers: [
    {
      id: 'fake',
      baseUrl: 'http://127.0.0.1:1/v1',
      apiKey: 'k',
      format: 'openai',
      models: [{ id: 'bench' }, { id: 'bench-2' }],
      rateLimits: [{ id: 'roomy', models: ['all'], requests: 1e12, window: { unit: 'day', size: 1 } }],
    },
  ],
  modelAliases: {
    coding: {
      strategy: 'auto',
      targets: [
        { ref: 'fake/bench', weight: 3 },
        { ref: 'fake/bench-2', weight: 1 },
      ],
    },
  },
};
const ctx: GatewayContext = {
  getConfig: () => config,
  env: {},
  options: runtimeOptionsFromEnv({}),
  send: async () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: Readable.from([]) as never, text: async () => answer }),
  routing: createRoutingRuntime({}),
  now: () => 1,
};
const signal = new AbortController().signal;
const chat = { messages: [{ role: 'user', content: 'Say hello.' }] };
const cases: [string, string, WireFormat, object][] = [
  ['direct ref, passthrough', 'fake/bench', 'openai-chat', chat],
  ['alias (auto, 2 targets, 1 bucket)', 'coding', 'openai-chat', chat],
  ['direct ref, translated (Anthropic in)', 'fake/bench', 'anthropic-messages', { max_tokens: 32, ...chat }],
];
console.log('\nGateway pipeline per request, no sockets (stub upstream)');
for (const [label, model, client, body] of cases) {
  const bytes = new TextEncoder().encode(JSON.stringify({ model, ...body }));
  const run = () => handleModelRequest(ctx, { client, body: RequestBody.read(bytes, 'application/json'), headers: {}, signal, startedAt: performance.now() });
  for (let i = 0; i < 3_000; i += 1) await run();
  const n = 30_000;
  const started = performance.now();
  for (let i = 0; i < n; i += 1) await run();
  console.log(`  ${label.padEnd(40)} ${(((performance.now() - started) / n) * 1000).toFixed(1).padStart(6)} µs`);
}

// After the response, off its path: the request's record and the metrics it feeds.
const reply = await handleModelRequest(ctx, {
  client: 'openai-chat',
  body: RequestBody.read(new TextEncoder().encode(JSON.stringify({ model: 'fake/bench', ...chat })), 'application/json'),
  headers: {},
  signal,
  startedAt: performance.now(),
});
const metrics = createGatewayMetrics();
const input = {
  id: 'req_1',
  startedAtMs: Date.now(),
  client: 'openai-chat',
  path: '/v1/chat/completions',
  model: 'fake/bench',
  stream: false,
  status: 200,
  aborted: false,
  durationMs: 2.5,
  trace: reply.trace,
  config,
} as const;
const perCall = (label: string, fn: (i: number) => void) => {
  for (let i = 0; i < 30_000; i += 1) fn(i);
  const n = 300_000;
  const started = performance.now();
  for (let i = 0; i < n; i += 1) fn(i);
  console.log(`  ${label.padEnd(40)} ${(((performance.now() - started) / n) * 1000).toFixed(2).padStart(6)} µs`);
};
// Records that differ as a daemon's do (ids, timings), so the optimiser cannot treat one as a constant.
const records = Array.from({ length: 64 }, (_, i) => buildRecord({ ...input, id: `req_${i}`, durationMs: i / 8 }));
const inputs = [input, { ...input, durationMs: 3 }];
perCall('request record built', (i) => void buildRecord(inputs[i & 1]!));
perCall('metrics fed the record', (i) => metrics.record(records[i & 63]!));
