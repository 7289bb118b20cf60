import type { Registry } from 'prom-client';
import { defineCounter, defineHistogram } from './metric-factories';

export interface HttpMetrics {
  /** Records one finished request; `route` is the route pattern, never the raw URL (cardinality). */
  observe(request: { method: string; route: string; statusCode: number; durationSeconds: number }): void;
}

/** A route pattern per registered route plus `unmatched`; far more means raw URLs leaked in. */
const HTTP_LABELS = {
  method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  route: { maxValues: 200 },
  status_code: { maxValues: 60 },
} as const;

/** `ciclo_http_request_duration_seconds` and `ciclo_http_requests_total`, by method, route and status. */
export function createHttpMetrics(registry: Registry): HttpMetrics {
  const duration = defineHistogram(registry, {
    area: 'http',
    what: 'request_duration',
    unit: 'seconds',
    help: 'HTTP request latency by route and status code.',
    labels: HTTP_LABELS,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  const total = defineCounter(registry, { area: 'http', what: 'requests', help: 'HTTP requests by route and status code.', labels: HTTP_LABELS });
  return {
    observe({ method, route, statusCode, durationSeconds }) {
      // The method arrives as a plain string; anything outside the list is recorded as `other`.
      const labels = { method: method as (typeof HTTP_LABELS.method)[number], route, status_code: statusCode };
      duration.labels(labels).observe(durationSeconds);
      total.labels(labels).inc();
    },
  };
}
