import { describe, expect, it } from 'vitest';
import { createHttpMetrics } from './http-metrics';
import { createMetricsRegistry } from './metrics-registry';
import { createReadinessMetrics } from './readiness-metrics';

describe('metrics', () => {
  it('exposes default, HTTP and readiness series with the app label', async () => {
    const registry = createMetricsRegistry('model-registry');
    createHttpMetrics(registry).observe({ method: 'GET', route: '/v1/models', statusCode: 200, durationSeconds: 0.004 });
    createReadinessMetrics(registry).set('database', true);
    const text = await registry.metrics();
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toMatch(/ciclo_http_requests_total\{method="GET",route="\/v1\/models",status_code="200",app="model-registry"\} 1/);
    expect(text).toMatch(/ciclo_http_request_duration_seconds_count\{[^}]*route="\/v1\/models",status_code="200"\} 1/);
    expect(text).toMatch(/ciclo_readiness_dependency_up\{dependency="database",app="model-registry"\} 1/);
  });

  it('records a method outside the HTTP list as other, and two HTTP apps on one registry share the series', async () => {
    const registry = createMetricsRegistry('test');
    createHttpMetrics(registry).observe({ method: 'PROPFIND', route: '/x', statusCode: 405, durationSeconds: 0.001 });
    createHttpMetrics(registry).observe({ method: 'PROPFIND', route: '/x', statusCode: 405, durationSeconds: 0.001 });
    expect(await registry.metrics()).toMatch(/ciclo_http_requests_total\{method="other",route="\/x",status_code="405",app="test"\} 2/);
  });
});
