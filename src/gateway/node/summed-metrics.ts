/**
 * Metrics summed in plain maps on the request path and handed to prom-client only when
 * scraped. prom-client validates and hashes the labels of every call (~1 µs each, and a
 * request touches a dozen series and seven histogram observations); here a request costs
 * one string join and a map lookup per series. The text a scrape gets is prom-client's
 * own (counters and gauges go through it; histograms give it the same values its own
 * Histogram would).
 */
import { Counter, Gauge, type Registry } from 'prom-client';

interface Config {
  name: string;
  help: string;
  labelNames: string[];
  registers: Registry[];
}

const labelsOf = (names: string[], values: readonly string[]) => Object.fromEntries(names.map((name, i) => [name, values[i]!]));

/** A counter: `add(labelValues, by)`. */
export function summedCounter(config: Config): { add(values: string[], by?: number): void } {
  const series = new Map<string, { values: string[]; total: number }>();
  new Counter({
    ...config,
    collect() {
      this.reset();
      for (const { values, total } of series.values()) this.inc(labelsOf(config.labelNames, values), total);
    },
  });
  return {
    add(values, by = 1) {
      const key = values.join('\u0001');
      const entry = series.get(key);
      if (entry) entry.total += by;
      else series.set(key, { values, total: by });
    },
  };
}

/** A gauge without labels kept as a number: `add(+1)`, `add(-1)`. */
export function summedGauge(config: Omit<Config, 'labelNames'>): { add(by: number): void } {
  let value = 0;
  new Gauge({
    ...config,
    collect() {
      this.set(value);
    },
  });
  return {
    add(by) {
      value += by;
    },
  };
}

interface HistogramSeries {
  values: readonly string[];
  /** Observations per bucket (not cumulative); the last is past every bound (+Inf). */
  counts: Float64Array;
  sum: number;
  count: number;
}

/** A histogram with fixed bounds: `observe(labelValues, value)`. Registered as a custom prom-client metric. */
export function summedHistogram(config: Config & { buckets: readonly number[] }): { observe(values: readonly string[], value: number): void } {
  const bounds = [...config.buckets].sort((a, b) => a - b);
  const series = new Map<string, HistogramSeries>();
  const head = { name: config.name, help: config.help, type: 'histogram', aggregator: 'sum' } as const;
  const metric = {
    ...head,
    reset: () => series.clear(),
    get: async () => {
      const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
      for (const s of series.values()) {
        const labels = labelsOf(config.labelNames, s.values);
        let cumulative = 0;
        bounds.forEach((le, i) => {
          cumulative += s.counts[i]!;
          values.push({ metricName: `${config.name}_bucket`, labels: { le, ...labels }, value: cumulative });
        });
        values.push({ metricName: `${config.name}_bucket`, labels: { le: '+Inf', ...labels }, value: s.count });
        values.push({ metricName: `${config.name}_sum`, labels, value: s.sum });
        values.push({ metricName: `${config.name}_count`, labels, value: s.count });
      }
      return { ...head, values };
    },
  };
  for (const registry of config.registers) registry.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);
  return {
    observe(values, value) {
      const key = values.join('\u0001');
      let s = series.get(key);
      if (!s) {
        s = { values: [...values], counts: new Float64Array(bounds.length + 1), sum: 0, count: 0 };
        series.set(key, s);
      }
      let i = 0;
      while (i < bounds.length && value > bounds[i]!) i += 1;
      s.counts[i]! += 1;
      s.sum += value;
      s.count += 1;
    },
  };
}
