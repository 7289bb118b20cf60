export { createLogger, REDACTED_PATHS, type Logger, type LoggerConfig } from './logger';
export { createMetricsRegistry, type MetricsRegistry } from './metrics-registry';
export { createHttpMetrics, type HttpMetrics } from './http-metrics';
export { createReadinessMetrics, type ReadinessMetrics } from './readiness-metrics';
export { createQueueMetrics, type QueueMetrics } from './queue-metrics';
export { createInferenceMetrics, type InferenceMetrics, type SwapOutcome } from './inference-metrics';
export { createSentimentMonitorMetrics, type SentimentMonitorMetrics } from './sentiment-monitor-metrics';
