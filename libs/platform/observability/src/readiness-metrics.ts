import { Gauge, type Registry } from 'prom-client';

export interface ReadinessMetrics {
  set(dependency: string, up: boolean): void;
}

/** `ciclo_dependency_up{dependency}`: 1 when the last readiness check of that dependency passed. */
export function createReadinessMetrics(registry: Registry): ReadinessMetrics {
  const gauge = new Gauge({
    name: 'ciclo_dependency_up',
    help: 'Whether the last readiness check of a dependency passed (1) or failed (0).',
    labelNames: ['dependency'] as const,
    registers: [registry],
  });
  return { set: (dependency, up) => gauge.set({ dependency }, up ? 1 : 0) };
}
