import { defineCounter, defineGauge, defineHistogram, type MetricsRegistry } from '@ciclo/platform-observability';
import { SwapSteps, type SwapStep } from './errors/swap-step-error';

export type SwapOutcome = 'succeeded' | 'failed' | 'superseded';

export interface InferenceMetrics {
  /** One request (or analyze call) served by one version. */
  inference(model: string, version: number, durationSeconds: number): void;
  /** One ONNX Runtime run of the micro-batcher. */
  batch(model: string, items: number): void;
  /** One text classified: its label and confidence, and whether it fell under the threshold. */
  prediction(model: string, label: string, confidence: number, belowThreshold: boolean): void;
  /** The version a model serves now (`null`: none); the previous series is removed. */
  loaded(model: string, version: { version: number; sha256: string } | null): void;
  swap(model: string, outcome: SwapOutcome, durationSeconds: number): void;
  /** A version that failed a swap step (download, verify, load, warm-up, samples), or `unknown`. */
  swapFailure(model: string, step: SwapStep | 'unknown'): void;
}

/** Models served by one replica, versions seen in its lifetime, labels of one model's classes. */
const MODEL = { maxValues: 32 } as const;
const VERSION = { maxValues: 100 } as const;
const LABEL = { maxValues: 200 } as const;
const OUTCOMES = ['succeeded', 'failed', 'superseded'] as const satisfies readonly SwapOutcome[];

/**
 * Serving metrics of the nlp-service, labelled by model (and version where it matters). The
 * request path only looks series up (`labels(…)` is a Map.get per label once a series exists).
 */
export function createInferenceMetrics(registry: MetricsRegistry): InferenceMetrics {
  const latency = defineHistogram(registry, {
    area: 'inference',
    what: 'duration',
    unit: 'seconds',
    help: 'Time to answer one inference request, by model and the version that answered it.',
    labels: { model: MODEL, version: VERSION },
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  });
  const batchSize = defineHistogram(registry, {
    area: 'inference',
    what: 'batch_size',
    unit: 'texts',
    help: 'Texts per ONNX Runtime run after dynamic batching.',
    labels: { model: MODEL },
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  });
  const predictions = defineCounter(registry, {
    area: 'inference',
    what: 'predictions',
    help: 'Texts classified, by model and predicted label.',
    labels: { model: MODEL, label: LABEL },
  });
  const confidence = defineHistogram(registry, {
    area: 'inference',
    what: 'prediction_confidence',
    unit: 'ratio',
    help: 'Top-1 probability of each prediction.',
    labels: { model: MODEL },
    buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99],
  });
  const lowConfidence = defineCounter(registry, {
    area: 'inference',
    what: 'low_confidence_predictions',
    help: "Predictions under the version's confidence threshold (the bot asks instead of guessing); divide by ciclo_inference_predictions_total for the rate.",
    labels: { model: MODEL },
  });
  const loadedInfo = defineGauge(registry, {
    area: 'model',
    what: 'loaded',
    unit: 'info',
    help: 'The version each model serves now (value 1).',
    labels: { model: MODEL, version: VERSION, sha256: { maxValues: 64 } },
  });
  const swaps = defineCounter(registry, {
    area: 'model',
    what: 'swaps',
    help: 'Hot swaps by outcome (superseded: a newer target arrived while loading).',
    labels: { model: MODEL, outcome: OUTCOMES },
  });
  const swapDuration = defineHistogram(registry, {
    area: 'model',
    what: 'swap_duration',
    unit: 'seconds',
    help: 'Download → verify → load → warm up → sample check → switch, per swap.',
    labels: { model: MODEL, outcome: OUTCOMES },
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60],
  });
  const swapFailures = defineCounter(registry, {
    area: 'model',
    what: 'swap_failures',
    help: 'Versions refused during a swap, by the step that failed; the previous version kept serving.',
    labels: { model: MODEL, step: [...SwapSteps, 'unknown'] },
  });
  const loadedNow = new Map<string, { version: number; sha256: string }>();

  return {
    inference: (model, version, seconds) => latency.labels({ model, version }).observe(seconds),
    batch: (model, items) => batchSize.labels({ model }).observe(items),
    prediction(model, label, value, belowThreshold) {
      predictions.labels({ model, label }).inc();
      confidence.labels({ model }).observe(value);
      if (belowThreshold) lowConfidence.labels({ model }).inc();
    },
    loaded(model, version) {
      const previous = loadedNow.get(model);
      if (previous) loadedInfo.remove({ model, ...previous });
      if (version) {
        const labels = { version: version.version, sha256: version.sha256 };
        loadedInfo.labels({ model, ...labels }).set(1);
        loadedNow.set(model, labels);
      } else loadedNow.delete(model);
    },
    swap(model, outcome, seconds) {
      swaps.labels({ model, outcome }).inc();
      swapDuration.labels({ model, outcome }).observe(seconds);
    },
    swapFailure: (model, step) => swapFailures.labels({ model, step }).inc(),
  };
}
