export { createLogger, REDACTED_PATHS, type Logger, type LoggerConfig } from './logger';
export { createLogLinePrettifier, type LogLinePrettifier, type LogLinePrettifierOptions } from './log-line-prettifier';
export { createMetricsRegistry, type MetricsRegistry } from './metrics-registry';
export { createHttpMetrics, type HttpMetrics } from './http-metrics';
export { createReadinessMetrics, type ReadinessMetrics } from './readiness-metrics';
export {
  defineCounter,
  defineGauge,
  defineHistogram,
  type BoundedGauge,
  type BoundedHistogram,
  type BoundedMetric,
  type CounterOptions,
  type CounterSeries,
  type GaugeOptions,
  type GaugeSeries,
  type HistogramOptions,
  type HistogramSeries,
} from './metric-factories';
export { MAX_LABEL_CARDINALITY, OTHER_LABEL_VALUE, type LabelBound, type LabelBounds, type LabelValues } from './bounded-labels';
export { MEASURE_UNITS, GAUGE_ONLY_UNITS, type GaugeUnit, type MeasureUnit } from './metric-name';
export { MetricDefinitionError } from './metric-definition-error';
