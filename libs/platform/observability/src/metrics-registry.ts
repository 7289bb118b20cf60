import { Registry, collectDefaultMetrics } from 'prom-client';

export type MetricsRegistry = Registry;

/**
 * One registry per app, with Node's default process metrics and an `app` label on every series,
 * so one Prometheus job can scrape several apps without relabelling.
 */
export function createMetricsRegistry(app: string): MetricsRegistry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}
