import type { MetricsRegistry } from '@ciclo/platform-observability';
import type { SwapStep } from './errors/swap-step-error';
import { createRequestMetrics } from './request-metrics';
import { createSwapMetrics, type SwapOutcome } from './swap-metrics';

export type { SwapOutcome } from './swap-metrics';

export interface InferenceMetrics {
  /** One request (or analyze call) served by one version. */
  inference(model: string, version: number, durationSeconds: number): void;
  /** One ONNX Runtime run of the micro-batcher. */
  batch(model: string, items: number): void;
  /** One text classified: its label and confidence, and whether it fell under the threshold. */
  prediction(model: string, label: string, confidence: number, belowThreshold: boolean): void;
  /** The version a model serves now (`null`: none); the previous series is removed. */
  loaded(model: string, version: { version: number; sha256: string } | null): void;
  /**
   * A version was retired (its session freed): its per-version series (latency) are removed, so
   * the `version` label's cap counts the versions loaded now, not every version ever served.
   */
  retired(model: string, version: number): void;
  swap(model: string, outcome: SwapOutcome, durationSeconds: number): void;
  /** A version that failed a swap step (download, verify, load, warm-up, samples), or `unknown`. */
  swapFailure(model: string, step: SwapStep | 'unknown'): void;
}

/**
 * Serving metrics of the nlp-service, labelled by model (and version where it matters): the
 * request path's (request-metrics.ts) and the model repository's (swap-metrics.ts).
 */
export function createInferenceMetrics(registry: MetricsRegistry): InferenceMetrics {
  const requests = createRequestMetrics(registry);
  const swaps = createSwapMetrics(registry);
  return {
    inference: requests.inference,
    batch: requests.batch,
    prediction: requests.prediction,
    loaded: swaps.loaded,
    retired: requests.versionRetired,
    swap: swaps.swap,
    swapFailure: swaps.swapFailure,
  };
}
