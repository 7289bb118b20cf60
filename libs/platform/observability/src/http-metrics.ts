import { Counter, Histogram, type Registry } from 'prom-client';

export interface HttpMetrics {
  /** Records one finished request; `route` is the route pattern, never the raw URL (cardinality). */
  observe(request: { method: string; route: string; statusCode: number; durationSeconds: number }): void;
}

export function createHttpMetrics(registry: Registry): HttpMetrics {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const total = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  return {
    observe({ method, route, statusCode, durationSeconds }) {
      const labels = { method, route, status_code: String(statusCode) };
      duration.observe(labels, durationSeconds);
      total.inc(labels);
    },
  };
}
