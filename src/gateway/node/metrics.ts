/**
 * GET /metrics in Prometheus text format (prom-client, on a registry of our own). Names
 * follow the OpenTelemetry GenAI semantic conventions where one fits, in Prometheus form
 * (`gen_ai.client.token.usage` -> `gen_ai_client_token_usage`); the rest are
 * `llm_router_*`. Fed by request records, so it never adds work to a response.
 *
 * What a request touches is summed in plain maps and handed to prom-client when scraped
 * (summed-metrics.ts).
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { RequestRecord } from '../core/observe/request-record.js';
import { summedCounter, summedGauge, summedHistogram, type CounterSeries, type HistogramSeries } from './summed-metrics.js';

export interface MetricsSources {
  /** Candidate health: cooldowns and open circuits. */
  health?: () => Record<string, { cooldownUntil: number; circuitOpenUntil: number }>;
  /** Bucket fill in the current windows. */
  buckets?: () => { providerId: string; bucketId: string; used: number; limit: number }[];
}

export interface GatewayMetrics {
  registry: Registry;
  record(record: RequestRecord): void;
  started(): void;
  finished(): void;
  reloaded(ok: boolean): void;
}

/**
 * The series a request of one shape (client, route, provider, model, status, streamed)
 * adds to, found once and kept; those a request may not touch are found when first needed,
 * so a series appears only once it has a value.
 */
interface Shape {
  requests: CounterSeries;
  duration: HistogramSeries;
  ttft?: HistogramSeries;
  /** Per token type, in TOKEN_TYPES order. */
  tokens?: { total: CounterSeries; usage: HistogramSeries }[];
  cost?: CounterSeries;
}

const TOKEN_TYPES = ['input', 'output', 'cache_read', 'cache_write', 'reasoning'] as const;
const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304];
const SECONDS_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

function addTokens(series: { total: CounterSeries; usage: HistogramSeries }, value: number): void {
  series.total.add(value);
  series.usage.observe(value);
}

export function createGatewayMetrics(sources: MetricsSources = {}): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = summedCounter({
    name: 'llm_router_requests_total',
    help: 'Model requests by client format, route, answering provider and model, and HTTP status',
    labelNames: ['client', 'route', 'provider', 'model', 'status'],
    registers,
  });
  const attempts = summedCounter({
    name: 'llm_router_attempts_total',
    help: 'Upstream attempts by candidate and outcome (HTTP status, network, timeout, ...)',
    labelNames: ['candidate', 'outcome'],
    registers,
  });
  const fallbacks = summedCounter({
    name: 'llm_router_fallbacks_total',
    help: 'Requests answered by a candidate other than the first tried',
    labelNames: ['route'],
    registers,
  });
  const aborted = summedCounter({
    name: 'llm_router_client_aborts_total',
    help: 'Requests the client left before the answer was complete',
    labelNames: ['route'],
    registers,
  });
  const tokenUsage = summedHistogram({
    name: 'gen_ai_client_token_usage',
    help: 'Tokens per request (gen_ai.client.token.usage) by token type: input, output, cache_read, cache_write, reasoning',
    labelNames: ['gen_ai_token_type', 'gen_ai_provider_name', 'gen_ai_response_model'],
    buckets: TOKEN_BUCKETS,
    registers,
  });
  const tokens = summedCounter({
    name: 'llm_router_tokens_total',
    help: 'Tokens by type, provider and model',
    labelNames: ['type', 'provider', 'model'],
    registers,
  });
  const cost = summedCounter({
    name: 'llm_router_cost_usd_total',
    help: 'Cost in USD from the configured pricing',
    labelNames: ['provider', 'model'],
    registers,
  });
  const duration = summedHistogram({
    name: 'gen_ai_server_request_duration_seconds',
    help: 'Time from request arrival to the end of the answer (gen_ai.server.request.duration)',
    labelNames: ['gen_ai_provider_name', 'streamed'],
    buckets: SECONDS_BUCKETS,
    registers,
  });
  const ttft = summedHistogram({
    name: 'gen_ai_server_time_to_first_token_seconds',
    help: 'Time from request arrival to the first output (gen_ai.server.time_to_first_token)',
    labelNames: ['gen_ai_provider_name'],
    buckets: SECONDS_BUCKETS,
    registers,
  });
  const inflight = summedGauge({ name: 'llm_router_inflight_requests', help: 'Model requests being handled now', registers });
  const reloads = new Counter({
    name: 'llm_router_config_reloads_total',
    help: 'Config reloads by result (applied or refused)',
    labelNames: ['result'],
    registers,
  });
  new Gauge({
    name: 'llm_router_candidate_unavailable',
    help: 'Candidates out of rotation now: 1 per candidate and reason (cooldown, circuit_open)',
    labelNames: ['candidate', 'reason'],
    registers,
    collect() {
      this.reset();
      const now = Date.now();
      for (const [candidate, h] of Object.entries(sources.health?.() ?? {})) {
        if (h.circuitOpenUntil > now) this.set({ candidate, reason: 'circuit_open' }, 1);
        else if (h.cooldownUntil > now) this.set({ candidate, reason: 'cooldown' }, 1);
      }
    },
  });
  new Gauge({
    name: 'llm_router_bucket_fill_ratio',
    help: 'Fill of each rate-limit bucket in its current window (used / limit)',
    labelNames: ['provider', 'bucket'],
    registers,
    collect() {
      this.reset();
      for (const b of sources.buckets?.() ?? []) this.set({ provider: b.providerId, bucket: b.bucketId }, b.limit > 0 ? b.used / b.limit : 0);
    },
  });

  // Bounded as the series are: every label comes from the config or the HTTP status.
  const shapes = new Map<string, Shape>();
  return {
    registry,
    record(r) {
      const provider = r.provider ?? 'none';
      const model = r.selected ?? 'none';
      const route = r.route ?? 'none';
      const key = `${r.client}\u0001${route}\u0001${provider}\u0001${model}\u0001${r.status}\u0001${r.streamed}`;
      let shape = shapes.get(key);
      if (!shape) {
        shape = {
          requests: requests.series([r.client, route, provider, model, String(r.status)]),
          duration: duration.series([provider, r.streamed ? 'true' : 'false']),
        };
        shapes.set(key, shape);
      }
      shape.requests.add();
      for (const a of r.attempts) attempts.add([a.candidate, a.label]);
      if (r.fallback) fallbacks.add([route]);
      if (r.aborted) aborted.add([route]);
      if (r.tokens) {
        const t = (shape.tokens ??= TOKEN_TYPES.map((type) => ({
          total: tokens.series([type, provider, model]),
          usage: tokenUsage.series([type, provider, model]),
        })));
        const { input, output, cacheRead, cacheWrite, reasoning } = r.tokens;
        addTokens(t[0]!, input);
        addTokens(t[1]!, output);
        addTokens(t[2]!, cacheRead);
        addTokens(t[3]!, cacheWrite);
        addTokens(t[4]!, reasoning);
      }
      if (r.cost !== null) (shape.cost ??= cost.series([provider, model])).add(r.cost);
      shape.duration.observe(r.durationMs / 1000);
      if (r.ttftMs !== null) (shape.ttft ??= ttft.series([provider])).observe(r.ttftMs / 1000);
    },
    started: () => inflight.add(1),
    finished: () => inflight.add(-1),
    reloaded: (ok) => reloads.inc({ result: ok ? 'applied' : 'refused' }),
  };
}
