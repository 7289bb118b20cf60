import type { InferenceMetrics } from '@ciclo/observability';
import type { ModelRepository, RegistryClient, TextLimits } from '@ciclo/serving';

/** What every nlp-service route file needs. */
export interface NlpRouteDeps {
  readonly repository: ModelRepository;
  readonly registry: RegistryClient;
  readonly metrics: InferenceMetrics;
  readonly limits: TextLimits;
  /** True while the service drains for shutdown: readiness answers false. */
  readonly isDraining: () => boolean;
}
