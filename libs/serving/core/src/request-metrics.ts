import { defineCounter, defineHistogram, type MetricsRegistry } from '@ciclo/platform-observability';
import { LABEL, MODEL, VERSION } from './inference-metric-labels';

/** What the request path records: latency per version, batch sizes, and each prediction. */
export interface RequestMetrics {
  inference(model: string, version: number, durationSeconds: number): void;
  batch(model: string, items: number): void;
  prediction(model: string, label: string, confidence: number, belowThreshold: boolean): void;
  /** Drops the series labelled with this version (it was retired), so the version cap counts live versions. */
  versionRetired(model: string, version: number): void;
}

/**
 * Declared here so each is looked up, never built, on the request path (`labels(…)` is a Map.get
 * per label once a series exists).
 */
export function createRequestMetrics(registry: MetricsRegistry): RequestMetrics {
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
  const prediction = createPredictionRecorder(registry);
  return {
    inference: (model, version, seconds) => latency.labels({ model, version }).observe(seconds),
    batch: (model, items) => batchSize.labels({ model }).observe(items),
    prediction,
    versionRetired: (model, version) => latency.remove({ model, version }),
  };
}

function createPredictionRecorder(registry: MetricsRegistry): RequestMetrics['prediction'] {
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
  return (model, label, value, belowThreshold) => {
    predictions.labels({ model, label }).inc();
    confidence.labels({ model }).observe(value);
    if (belowThreshold) lowConfidence.labels({ model }).inc();
  };
}
