import { describe, expect, it } from 'vitest';
import { createHttpMetrics } from './http-metrics';
import { createMetricsRegistry } from './metrics-registry';
import { createQueueMetrics } from './queue-metrics';
import { createSentimentMonitorMetrics } from './sentiment-monitor-metrics';

describe('metrics', () => {
  it('exposes default, HTTP and queue series with the app label', async () => {
    const registry = createMetricsRegistry('model-registry');
    createHttpMetrics(registry).observe({ method: 'GET', route: '/v1/models', statusCode: 200, durationSeconds: 0.004 });
    createQueueMetrics(registry).jobFinished({ queue: 'training', name: 'train', outcome: 'completed', durationSeconds: 2 });
    const text = await registry.metrics();
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/v1\/models",status_code="200",app="model-registry"\} 1/);
    expect(text).toMatch(/ciclo_jobs_total\{queue="training",name="train",outcome="completed",app="model-registry"\} 1/);
  });

  it('exposes the sentiment monitor series', async () => {
    const registry = createMetricsRegistry('nlp-service');
    const metrics = createSentimentMonitorMetrics(registry);
    metrics.observeLag(0.2);
    metrics.observeLag(-1);
    metrics.messageScored('negative');
    metrics.messageScored('negative');
    metrics.handoffRequested('negative_sentiment');
    const text = await registry.metrics();
    expect(text).toMatch(/ciclo_sentiment_monitor_lag_seconds_count\{app="nlp-service"\} 2/);
    expect(text).toMatch(/ciclo_sentiment_monitor_lag_seconds_bucket\{le="0.01",app="nlp-service"\} 1/);
    expect(text).toMatch(/ciclo_sentiment_monitor_messages_total\{sentiment="negative",app="nlp-service"\} 2/);
    expect(text).toMatch(/ciclo_handoffs_requested_total\{reason="negative_sentiment",app="nlp-service"\} 1/);
  });
});
