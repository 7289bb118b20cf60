import { createMetricsRegistry } from '@ciclo/platform-observability';
import { describe, expect, it } from 'vitest';
import { createSentimentMonitorMetrics } from './sentiment-monitor-metrics';

describe('sentiment monitor metrics', () => {
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
