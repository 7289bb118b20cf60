import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { BoundedSeries, checkLabelBounds, type LabelBounds, type LabelValues } from './bounded-labels';
import { MetricDefinitionError } from './metric-definition-error';
import { COUNTER_SUFFIX, GAUGE_ONLY_UNITS, MEASURE_UNITS, metricName, type GaugeUnit, type MeasureUnit } from './metric-name';

interface MetricOptions<L extends LabelBounds> {
  /** The feature that owns the series: `ciclo_<area>_…`. */
  readonly area: string;
  /** What is measured, snake_case: `ciclo_<area>_<what>_<unit>`. */
  readonly what: string;
  /** Shown in /metrics and in Grafana's tooltip; say what one observation is. */
  readonly help: string;
  /** Each label with its allowed values or a cap (see LabelBound); omit for an unlabelled metric. */
  readonly labels?: L;
}

/** A counter's name always ends in `_total`, so it takes no unit. */
export type CounterOptions<L extends LabelBounds> = MetricOptions<L>;

export interface GaugeOptions<L extends LabelBounds> extends MetricOptions<L> {
  readonly unit: GaugeUnit;
}

export interface HistogramOptions<L extends LabelBounds> extends MetricOptions<L> {
  readonly unit: MeasureUnit;
  readonly buckets: readonly number[];
}

export interface CounterSeries {
  inc(by?: number): void;
}
export interface GaugeSeries {
  set(value: number): void;
  inc(by?: number): void;
  dec(by?: number): void;
}
export interface HistogramSeries {
  observe(value: number): void;
}

/** A declared metric: `labels(values)` returns the series for those values, checked once and cached. */
export interface BoundedMetric<L extends LabelBounds, S> {
  readonly name: string;
  labels(values: LabelValues<L>): S;
}
export interface BoundedGauge<L extends LabelBounds> extends BoundedMetric<L, GaugeSeries> {
  /** Drops the series (e.g. the `info` series of a version no longer served). */
  remove(values: LabelValues<L>): void;
}
export interface BoundedHistogram<L extends LabelBounds> extends BoundedMetric<L, HistogramSeries> {
  /** Drops the series (e.g. the latency of a version retired from serving), freeing its capped label values. */
  remove(values: LabelValues<L>): void;
}

interface Declared {
  readonly signature: string;
  readonly metric: BoundedMetric<LabelBounds, unknown>;
}

/** What each registry holds, per name: declaring the same metric again returns the first one. */
const declaredIn = new WeakMap<Registry, Map<string, Declared>>();

type PromMetric = Counter | Gauge | Histogram;

function declare<L extends LabelBounds, M extends BoundedMetric<L, unknown>>(
  registry: Registry,
  spec: { readonly name: string; readonly type: string; readonly options: MetricOptions<L>; readonly buckets?: readonly number[] },
  build: (series: (prom: PromMetric) => BoundedSeries<unknown>) => M,
): M {
  const { name, options } = spec;
  if (options.help.trim() === '') throw new MetricDefinitionError(name, 'help text is required');
  const bounds: LabelBounds = options.labels ?? {};
  const signature = JSON.stringify({ type: spec.type, help: options.help, bounds, buckets: spec.buckets ?? null });
  let declared = declaredIn.get(registry);
  if (!declared) {
    declared = new Map();
    declaredIn.set(registry, declared);
  }
  const existing = declared.get(name);
  if (existing) {
    if (existing.signature !== signature) throw new MetricDefinitionError(name, 'declared twice in one registry with different definitions');
    return existing.metric as unknown as M;
  }
  if (registry.getSingleMetric(name)) throw new MetricDefinitionError(name, 'already registered outside the metric factories');
  checkLabelBounds(name, bounds);
  const metric = build((prom) => new BoundedSeries(name, bounds, (labels) => prom.labels(labels), (labels) => prom.remove(labels)));
  declared.set(name, { signature, metric: metric as unknown as BoundedMetric<LabelBounds, unknown> });
  return metric;
}

/** `ciclo_<area>_<what>_total`: something that only goes up (requests, jobs, swaps). */
export function defineCounter<const L extends LabelBounds = Record<never, never>>(
  registry: Registry,
  options: CounterOptions<L>,
): BoundedMetric<L, CounterSeries> {
  const name = metricName({ ...options, unit: COUNTER_SUFFIX }, [COUNTER_SUFFIX]);
  return declare(registry, { name, type: 'counter', options }, (series) => {
    const prom = new Counter({ name, help: options.help, labelNames: Object.keys(options.labels ?? {}), registers: [registry] });
    const children = series(prom) as BoundedSeries<CounterSeries>;
    return { name, labels: (values) => children.get(values) };
  });
}

/** `ciclo_<area>_<what>_<unit>`: a value that goes up and down, an `info` or an `up` series. */
export function defineGauge<const L extends LabelBounds = Record<never, never>>(registry: Registry, options: GaugeOptions<L>): BoundedGauge<L> {
  const name = metricName(options, [...MEASURE_UNITS, ...GAUGE_ONLY_UNITS]);
  return declare(registry, { name, type: 'gauge', options }, (series) => {
    const prom = new Gauge({ name, help: options.help, labelNames: Object.keys(options.labels ?? {}), registers: [registry] });
    const children = series(prom) as BoundedSeries<GaugeSeries>;
    return { name, labels: (values) => children.get(values), remove: (values) => children.remove(values) };
  });
}

/** `ciclo_<area>_<what>_<unit>`: a distribution (latency, batch size, confidence). */
export function defineHistogram<const L extends LabelBounds = Record<never, never>>(
  registry: Registry,
  options: HistogramOptions<L>,
): BoundedHistogram<L> {
  const name = metricName(options, MEASURE_UNITS);
  const buckets = [...options.buckets];
  if (buckets.length === 0 || buckets.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= (buckets[i - 1] as number)))) {
    throw new MetricDefinitionError(name, 'buckets must be finite and strictly increasing');
  }
  return declare(registry, { name, type: 'histogram', options, buckets }, (series) => {
    const prom = new Histogram({ name, help: options.help, labelNames: Object.keys(options.labels ?? {}), buckets, registers: [registry] });
    const children = series(prom) as BoundedSeries<HistogramSeries>;
    return { name, labels: (values) => children.get(values), remove: (values) => children.remove(values) };
  });
}
