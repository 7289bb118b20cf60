import type { InferenceMetrics, ModelRepository, TextLimits } from '@ciclo/serving-core';
import type { AppConfig } from '../config';

/** What every nlp-service route file needs. */
export interface NlpRouteDeps {
  readonly repository: ModelRepository;
  readonly metrics: InferenceMetrics;
  readonly limits: TextLimits;
  /** Log level of these routes (their per-request lines); the app's when undefined. */
  readonly requestLogLevel?: NonNullable<AppConfig['NLP_REQUEST_LOG_LEVEL']>;
  /** True while the service drains for shutdown: readiness answers false. */
  readonly isDraining: () => boolean;
}
