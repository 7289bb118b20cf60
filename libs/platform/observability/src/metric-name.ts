import { MetricDefinitionError } from './metric-definition-error';

/**
 * Units a gauge or histogram may end in (Prometheus naming: base units, plural). Counted things
 * are named by what they count, as Prometheus does (`…_jobs`); add one here, in review, when a
 * feature counts something new, rather than letting each feature invent suffixes.
 */
export const MEASURE_UNITS = ['seconds', 'bytes', 'ratio', 'jobs', 'texts'] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

/** Gauge-only suffixes: `info` (value 1, the labels carry the facts) and `up` (1 up, 0 down). */
export const GAUGE_ONLY_UNITS = ['info', 'up'] as const;
export type GaugeUnit = MeasureUnit | (typeof GAUGE_ONLY_UNITS)[number];

/** Every counter ends in `_total` and nothing else does. */
export const COUNTER_SUFFIX = 'total';

export const METRIC_PREFIX = 'ciclo';

/** The parts every Ciclo metric name is built from: `ciclo_<area>_<what>_<unit>`. */
export interface MetricNameParts {
  /** The feature or subsystem that owns the series (`http`, `inference`, `sentiment_monitor`…). */
  readonly area: string;
  /** What is measured, snake_case (`request_duration`, `swap_failures`). */
  readonly what: string;
  readonly unit: string;
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** Words that, last in `what`, mean a unit was written twice (counted things like `jobs` may end `what`). */
const UNIT_WORDS: ReadonlySet<string> = new Set(['seconds', 'bytes', 'ratio', 'info', COUNTER_SUFFIX]);

/**
 * Builds and checks a metric name. The unit list is fixed so dashboards can rely on the suffix
 * (`_seconds` is always a duration); `what` may not end in a unit itself, which catches the
 * classic `…_seconds_seconds` and a counter named `…_total_total`.
 */
export function metricName(parts: MetricNameParts, allowedUnits: readonly string[]): string {
  const name = [METRIC_PREFIX, parts.area, parts.what, parts.unit].join('_');
  if (!SNAKE_CASE.test(parts.area)) throw new MetricDefinitionError(name, `area "${parts.area}" must be snake_case`);
  if (!SNAKE_CASE.test(parts.what)) throw new MetricDefinitionError(name, `what "${parts.what}" must be snake_case`);
  if (parts.area === METRIC_PREFIX) throw new MetricDefinitionError(name, 'the area comes after the ciclo_ prefix, not in place of it');
  if (!allowedUnits.includes(parts.unit)) {
    throw new MetricDefinitionError(name, `unit "${parts.unit}" is not one of ${allowedUnits.join(', ')}`);
  }
  const lastWord = parts.what.slice(parts.what.lastIndexOf('_') + 1);
  if (UNIT_WORDS.has(lastWord)) throw new MetricDefinitionError(name, `what "${parts.what}" ends in a unit; the unit goes in unit`);
  return name;
}
