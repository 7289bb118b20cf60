import { describe, expect, it } from 'vitest';
import { createHttpMetrics } from './http-metrics';
import { createMetricsRegistry } from './metrics-registry';
import { createQueueMetrics } from './queue-metrics';

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
});
