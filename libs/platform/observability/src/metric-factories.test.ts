import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MAX_LABEL_CARDINALITY, OTHER_LABEL_VALUE } from './bounded-labels';
import { defineCounter, defineGauge, defineHistogram } from './metric-factories';
import { MetricDefinitionError } from './metric-definition-error';
import type { GaugeUnit, MeasureUnit } from './metric-name';

const help = 'A test series.';

describe('metric names', () => {
  it('builds ciclo_<area>_<what>_<unit>, counters ending in _total', () => {
    const registry = new Registry();
    expect(defineCounter(registry, { area: 'http', what: 'requests', help }).name).toBe('ciclo_http_requests_total');
    expect(defineHistogram(registry, { area: 'http', what: 'request_duration', unit: 'seconds', help, buckets: [1] }).name).toBe('ciclo_http_request_duration_seconds');
    expect(defineGauge(registry, { area: 'model', what: 'loaded', unit: 'info', help }).name).toBe('ciclo_model_loaded_info');
    expect(defineGauge(registry, { area: 'sentiment_monitor', what: 'window', unit: 'ratio', help }).name).toBe('ciclo_sentiment_monitor_window_ratio');
  });

  it('refuses a unit outside the fixed list, and gauge-only units on histograms', () => {
    const registry = new Registry();
    expect(() => defineGauge(registry, { area: 'x', what: 'size', unit: 'kilobytes' as GaugeUnit, help })).toThrow(/unit "kilobytes" is not one of/);
    expect(() => defineHistogram(registry, { area: 'x', what: 'loaded', unit: 'info' as MeasureUnit, help, buckets: [1] })).toThrow(MetricDefinitionError);
    expect(() => defineHistogram(registry, { area: 'x', what: 'state', unit: 'up' as MeasureUnit, help, buckets: [1] })).toThrow(MetricDefinitionError);
  });

  it('refuses a unit written into what, names that are not snake_case, and a repeated ciclo prefix', () => {
    const registry = new Registry();
    expect(() => defineHistogram(registry, { area: 'x', what: 'duration_seconds', unit: 'seconds', help, buckets: [1] })).toThrow(/ends in a unit/);
    expect(() => defineCounter(registry, { area: 'x', what: 'requests_total', help })).toThrow(/ends in a unit/);
    expect(() => defineCounter(registry, { area: 'Http', what: 'requests', help })).toThrow(/area "Http" must be snake_case/);
    expect(() => defineCounter(registry, { area: 'http', what: 'request-count', help })).toThrow(/what "request-count" must be snake_case/);
    expect(() => defineCounter(registry, { area: 'http', what: '', help })).toThrow(MetricDefinitionError);
    expect(() => defineCounter(registry, { area: 'ciclo', what: 'requests', help })).toThrow(/area comes after/);
  });

  it('requires help text', () => {
    expect(() => defineCounter(new Registry(), { area: 'x', what: 'things', help: '  ' })).toThrow(/help text is required/);
  });

  it('requires strictly increasing finite buckets', () => {
    const registry = new Registry();
    expect(() => defineHistogram(registry, { area: 'x', what: 'a', unit: 'seconds', help, buckets: [] })).toThrow(/buckets/);
    expect(() => defineHistogram(registry, { area: 'x', what: 'b', unit: 'seconds', help, buckets: [1, 1] })).toThrow(/buckets/);
    expect(() => defineHistogram(registry, { area: 'x', what: 'c', unit: 'seconds', help, buckets: [1, Infinity] })).toThrow(/buckets/);
  });
});

describe('label bounds', () => {
  it('records a value outside a listed label as other', async () => {
    const registry = new Registry();
    const swaps = defineCounter(registry, { area: 'model', what: 'swaps', help, labels: { outcome: ['succeeded', 'failed'] } });
    swaps.labels({ outcome: 'succeeded' }).inc();
    // A caller that escaped the types (a cast, plain JS, a value from the wire).
    swaps.labels({ outcome: 'exploded' as 'failed' }).inc();
    swaps.labels({ outcome: 'imploded' as 'failed' }).inc(2);
    const text = await registry.metrics();
    expect(text).toContain('ciclo_model_swaps_total{outcome="succeeded"} 1');
    expect(text).toContain(`ciclo_model_swaps_total{outcome="${OTHER_LABEL_VALUE}"} 3`);
    expect(text).not.toContain('exploded');
  });

  it('folds values past a label cap into other, and keeps the series count bounded', async () => {
    const registry = new Registry();
    const requests = defineCounter(registry, { area: 'http', what: 'requests', help, labels: { route: { maxValues: 3 } } });
    for (let i = 0; i < 1000; i += 1) requests.labels({ route: `/orders/${i}` }).inc();
    const metric = (await registry.getMetricsAsJSON())[0];
    const routes = (metric?.values ?? []).map((v) => v.labels['route']);
    expect(routes).toEqual(['/orders/0', '/orders/1', '/orders/2', OTHER_LABEL_VALUE]);
    expect(metric?.values.find((v) => v.labels['route'] === OTHER_LABEL_VALUE)?.value).toBe(997);
    // A value admitted before the cap filled keeps its own series.
    requests.labels({ route: '/orders/1' }).inc();
    expect((await registry.getSingleMetricAsString('ciclo_http_requests_total'))).toContain('ciclo_http_requests_total{route="/orders/1"} 2');
  });

  it('frees a capped slot when its series is removed', async () => {
    const registry = new Registry();
    const loaded = defineGauge(registry, { area: 'model', what: 'loaded', unit: 'info', help, labels: { version: { maxValues: 1 } } });
    loaded.labels({ version: 1 }).set(1);
    loaded.remove({ version: 1 });
    loaded.labels({ version: 2 }).set(1);
    const text = await registry.metrics();
    expect(text).toContain('ciclo_model_loaded_info{version="2"} 1');
    expect(text).not.toContain('version="1"');
    expect(text).not.toContain(OTHER_LABEL_VALUE);
  });

  it('returns the same cached series for the same values, numbers and strings alike', () => {
    const latency = defineHistogram(new Registry(), {
      area: 'inference',
      what: 'duration',
      unit: 'seconds',
      help,
      labels: { model: { maxValues: 4 }, version: { maxValues: 4 } },
      buckets: [1],
    });
    const first = latency.labels({ model: 'intent', version: 3 });
    expect(latency.labels({ model: 'intent', version: 3 })).toBe(first);
    expect(latency.labels({ model: 'intent', version: '3' })).toBe(first);
    expect(latency.labels({ model: 'intent', version: 4 })).not.toBe(first);
  });

  it('refuses unbounded or malformed label declarations', () => {
    const registry = new Registry();
    const declare = (labels: unknown) => () => defineCounter(registry, { area: 'x', what: 'things', help, labels: labels as Record<string, { maxValues: number }> });
    expect(declare({ route: {} })).toThrow(/maxValues between 1 and/);
    expect(declare({ route: { maxValues: Infinity } })).toThrow(MetricDefinitionError);
    expect(declare({ route: { maxValues: MAX_LABEL_CARDINALITY + 1 } })).toThrow(MetricDefinitionError);
    expect(declare({ outcome: [] })).toThrow(/at least one value/);
    expect(declare({ outcome: ['a', 'a'] })).toThrow(/distinct/);
    expect(declare({ app: { maxValues: 2 } })).toThrow(/label "app"/);
    expect(declare({ 'Bad-Name': { maxValues: 2 } })).toThrow(MetricDefinitionError);
  });

  it('refuses a series without a value for every label', () => {
    const things = defineCounter(new Registry(), { area: 'x', what: 'things', help, labels: { kind: { maxValues: 2 } } });
    expect(() => things.labels({} as { kind: string })).toThrow(/label "kind" needs a string or number value/);
  });
});

describe('declaring a metric twice in one registry', () => {
  it('returns the metric already declared when the definition is the same', async () => {
    const registry = new Registry();
    const declare = () => defineCounter(registry, { area: 'job', what: 'runs', help, labels: { outcome: ['completed', 'failed'] } });
    const first = declare();
    const second = declare();
    expect(second).toBe(first);
    second.labels({ outcome: 'completed' }).inc();
    expect(await registry.metrics()).toContain('ciclo_job_runs_total{outcome="completed"} 1');
  });

  it('fails loudly when the definitions differ', () => {
    const registry = new Registry();
    defineCounter(registry, { area: 'job', what: 'runs', help, labels: { outcome: ['completed'] } });
    expect(() => defineCounter(registry, { area: 'job', what: 'runs', help, labels: { outcome: ['completed', 'failed'] } })).toThrow(
      /declared twice in one registry with different definitions/,
    );
    expect(() => defineCounter(registry, { area: 'job', what: 'runs', help: 'Another meaning.', labels: { outcome: ['completed'] } })).toThrow(MetricDefinitionError);
  });

  it('fails loudly on a name registered outside the factories', () => {
    const registry = new Registry();
    new Counter({ name: 'ciclo_x_things_total', help, registers: [registry] });
    expect(() => defineCounter(registry, { area: 'x', what: 'things', help })).toThrow(/registered outside the metric factories/);
  });

  it('keeps registries apart', () => {
    const a = defineCounter(new Registry(), { area: 'x', what: 'things', help });
    const b = defineCounter(new Registry(), { area: 'x', what: 'things', help });
    expect(a).not.toBe(b);
  });
});
