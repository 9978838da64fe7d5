/**
 * Metrics summed in plain maps on the request path and handed to prom-client only when
 * scraped. prom-client validates and hashes the labels of every call (~1 µs each, and a
 * request touches a dozen series and seven histogram observations); here a series is found
 * once by its label values and then kept: `series(values)` returns its entry, which the
 * caller may hold and add to directly (metrics.ts keeps them per request shape, so a
 * request costs one key and one map lookup). The text a scrape gets is prom-client's own
 * (counters and gauges go through it; histograms give it the same values its own Histogram
 * would).
 */
import { Counter, Gauge, type Registry } from 'prom-client';

interface Config {
  name: string;
  help: string;
  labelNames: string[];
  registers: Registry[];
}

const labelsOf = (names: readonly string[], values: readonly string[]) => Object.fromEntries(names.map((name, i) => [name, values[i]!]));

/** One counter series: its label values and its running total. */
export class CounterSeries {
  total = 0;
  constructor(readonly values: readonly string[]) {}
  add(by = 1): void {
    this.total += by;
  }
}

/** A counter: `add(labelValues, by)`, or `series(labelValues)` once and `add(by)` on it. */
export function summedCounter(config: Config): { add(values: readonly string[], by?: number): void; series(values: readonly string[]): CounterSeries } {
  const all = new Map<string, CounterSeries>();
  new Counter({
    ...config,
    collect() {
      this.reset();
      for (const { values, total } of all.values()) this.inc(labelsOf(config.labelNames, values), total);
    },
  });
  const series = (values: readonly string[]) => {
    const key = values.join('\u0001');
    let entry = all.get(key);
    if (!entry) {
      entry = new CounterSeries([...values]);
      all.set(key, entry);
    }
    return entry;
  };
  return {
    series,
    add(values, by = 1) {
      series(values).add(by);
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

/** One histogram series: observations per bucket (not cumulative; the last is past every bound, +Inf), their sum and count. */
export class HistogramSeries {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  constructor(
    readonly values: readonly string[],
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }
  observe(value: number): void {
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]!) i += 1;
    this.counts[i]! += 1;
    this.sum += value;
    this.count += 1;
  }
}

/** A histogram with fixed bounds: `observe(labelValues, value)`, or `series(labelValues)` once and `observe(value)` on it. */
export function summedHistogram(config: Config & { buckets: readonly number[] }): {
  observe(values: readonly string[], value: number): void;
  series(values: readonly string[]): HistogramSeries;
} {
  const bounds = [...config.buckets].sort((a, b) => a - b);
  const all = new Map<string, HistogramSeries>();
  const head = { name: config.name, help: config.help, type: 'histogram', aggregator: 'sum' } as const;
  const metric = {
    ...head,
    // Emptied in place, as prom-client's reset empties its own: a series someone holds stays the one scraped.
    reset: () => {
      for (const s of all.values()) {
        s.counts.fill(0);
        s.sum = 0;
        s.count = 0;
      }
    },
    get: async () => {
      const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
      for (const s of all.values()) {
        if (s.count === 0) continue;
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
  const series = (values: readonly string[]) => {
    const key = values.join('\u0001');
    let s = all.get(key);
    if (!s) {
      s = new HistogramSeries([...values], bounds);
      all.set(key, s);
    }
    return s;
  };
  return {
    series,
    observe(values, value) {
      series(values).observe(value);
    },
  };
}
