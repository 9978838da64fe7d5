/**
 * The summed metrics scrape as prom-client's own would: the same observations through a
 * prom-client Histogram, Counter and Gauge on one registry and through ours on another
 * give the same Prometheus text, bounds edges included, and a reset empties the histogram.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { summedCounter, summedGauge, summedHistogram } from '../../src/gateway/node/summed-metrics.js';

const BUCKETS = [0.01, 0.1, 1, 10];
const observations: [string, string, number][] = [
  ['openai', 'true', 0.005],
  ['openai', 'true', 0.01], // on a bound: counts in that bucket
  ['openai', 'false', 0.5],
  ['anthropic', 'true', 12], // past every bound: +Inf only
  ['openai', 'true', 1],
  ['anthropic', 'true', 0],
];

describe('summed metrics', () => {
  it('scrape as the same text as prom-client metrics fed the same values', async () => {
    const theirs = new Registry();
    const ours = new Registry();
    const h = new Histogram({ name: 'd_seconds', help: 'help "x"\nnext', labelNames: ['provider', 'streamed'], buckets: BUCKETS, registers: [theirs] });
    const c = new Counter({ name: 'r_total', help: 'requests', labelNames: ['provider'], registers: [theirs] });
    const g = new Gauge({ name: 'inflight', help: 'in flight', registers: [theirs] });
    const sh = summedHistogram({ name: 'd_seconds', help: 'help "x"\nnext', labelNames: ['provider', 'streamed'], buckets: BUCKETS, registers: [ours] });
    const sc = summedCounter({ name: 'r_total', help: 'requests', labelNames: ['provider'], registers: [ours] });
    const sg = summedGauge({ name: 'inflight', help: 'in flight', registers: [ours] });
    for (const [provider, streamed, value] of observations) {
      h.observe({ provider, streamed }, value);
      sh.observe([provider, streamed], value);
      c.inc({ provider }, 2);
      sc.add([provider], 2);
      g.inc();
      sg.add(1);
    }
    g.dec();
    sg.add(-1);
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('d_seconds_bucket{le="0.01",provider="openai",streamed="true"} 2');
    expect(text).toContain('d_seconds_bucket{le="+Inf",provider="anthropic",streamed="true"} 2');
    // A reset empties the histogram as prom-client's (the counters and the gauge are sums kept by us).
    h.reset();
    (ours.getSingleMetric('d_seconds') as unknown as { reset(): void }).reset();
    const histogram = (t: string) => t.split('\n\n')[0];
    expect(histogram(await ours.metrics())).toBe(histogram(await theirs.metrics()));
    expect(histogram(await ours.metrics())).not.toContain('d_seconds_bucket');
  });

  it('give a held series the same counts as lookups by label values, and keep it scraped after a reset', async () => {
    const theirs = new Registry();
    const ours = new Registry();
    const h = new Histogram({ name: 'd_seconds', help: 'd', labelNames: ['provider'], buckets: BUCKETS, registers: [theirs] });
    const c = new Counter({ name: 'r_total', help: 'r', labelNames: ['provider'], registers: [theirs] });
    const sh = summedHistogram({ name: 'd_seconds', help: 'd', labelNames: ['provider'], buckets: BUCKETS, registers: [ours] });
    const sc = summedCounter({ name: 'r_total', help: 'r', labelNames: ['provider'], registers: [ours] });
    const heldHistogram = sh.series(['openai']);
    const heldCounter = sc.series(['openai']);
    // Found again by its values: the same entry, so both ways add up in one series.
    expect(sh.series(['openai'])).toBe(heldHistogram);
    expect(sc.series(['openai'])).toBe(heldCounter);
    heldHistogram.observe(0.5);
    sh.observe(['openai'], 5);
    heldCounter.add(3);
    sc.add(['openai']);
    h.observe({ provider: 'openai' }, 0.5);
    h.observe({ provider: 'openai' }, 5);
    c.inc({ provider: 'openai' }, 4);
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).toContain('r_total{provider="openai"} 4');

    (ours.getSingleMetric('d_seconds') as unknown as { reset(): void }).reset();
    h.reset();
    expect(await ours.metrics()).toBe(await theirs.metrics());
    // After the reset the held series is still the one scraped.
    heldHistogram.observe(0.05);
    h.observe({ provider: 'openai' }, 0.05);
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).toContain('d_seconds_count{provider="openai"} 1');
  });
});
