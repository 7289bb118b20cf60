import type { Registry } from 'prom-client';
import { defineGauge } from './metric-factories';

export interface ReadinessMetrics {
  set(dependency: string, up: boolean): void;
}

/** `ciclo_readiness_dependency_up{dependency}`: 1 when the last readiness check of that dependency passed. */
export function createReadinessMetrics(registry: Registry): ReadinessMetrics {
  const gauge = defineGauge(registry, {
    area: 'readiness',
    what: 'dependency',
    unit: 'up',
    help: 'Whether the last readiness check of a dependency passed (1) or failed (0).',
    labels: { dependency: { maxValues: 20 } },
  });
  return { set: (dependency, up) => gauge.labels({ dependency }).set(up ? 1 : 0) };
}
