import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

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
  /** A version that failed a swap step (download, verify, load, warm-up, samples). */
  swapFailure(model: string, step: string): void;
}

/** Serving metrics of the nlp-service, labelled by model (and version where it matters). */
export function createInferenceMetrics(registry: Registry): InferenceMetrics {
  const latency = new Histogram({
    name: 'ciclo_inference_duration_seconds',
    help: 'Time to answer one inference request, by model and the version that answered it.',
    labelNames: ['model', 'version'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'ciclo_inference_batch_size',
    help: 'Texts per ONNX Runtime run after dynamic batching.',
    labelNames: ['model'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [registry],
  });
  const predictions = new Counter({
    name: 'ciclo_predictions_total',
    help: 'Texts classified, by model and predicted label.',
    labelNames: ['model', 'label'] as const,
    registers: [registry],
  });
  const confidence = new Histogram({
    name: 'ciclo_prediction_confidence',
    help: 'Top-1 probability of each prediction.',
    labelNames: ['model'] as const,
    buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99],
    registers: [registry],
  });
  const lowConfidence = new Counter({
    name: 'ciclo_low_confidence_predictions_total',
    help: "Predictions under the version's confidence threshold (the bot asks instead of guessing); divide by ciclo_predictions_total for the rate.",
    labelNames: ['model'] as const,
    registers: [registry],
  });
  const loadedInfo = new Gauge({
    name: 'ciclo_model_loaded_info',
    help: 'The version each model serves now (value 1).',
    labelNames: ['model', 'version', 'sha256'] as const,
    registers: [registry],
  });
  const swaps = new Counter({
    name: 'ciclo_model_swaps_total',
    help: 'Hot swaps by outcome (superseded: a newer target arrived while loading).',
    labelNames: ['model', 'outcome'] as const,
    registers: [registry],
  });
  const swapDuration = new Histogram({
    name: 'ciclo_model_swap_duration_seconds',
    help: 'Download → verify → load → warm up → sample check → switch, per swap.',
    labelNames: ['model', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60],
    registers: [registry],
  });
  const swapFailures = new Counter({
    name: 'ciclo_model_swap_failures_total',
    help: 'Versions refused during a swap, by the step that failed; the previous version kept serving.',
    labelNames: ['model', 'step'] as const,
    registers: [registry],
  });
  // Pre-bound children: the hot path must not build label maps per request.
  const latencyByVersion = new Map<string, Histogram.Internal<'model' | 'version'>>();
  const loadedNow = new Map<string, { version: string; sha256: string }>();

  return {
    inference(model, version, seconds) {
      const key = `${model}\u0000${version}`;
      let child = latencyByVersion.get(key);
      if (!child) {
        child = latency.labels({ model, version: String(version) });
        latencyByVersion.set(key, child);
      }
      child.observe(seconds);
    },
    batch: (model, items) => batchSize.observe({ model }, items),
    prediction(model, label, value, belowThreshold) {
      predictions.inc({ model, label });
      confidence.observe({ model }, value);
      if (belowThreshold) lowConfidence.inc({ model });
    },
    loaded(model, version) {
      const previous = loadedNow.get(model);
      if (previous) loadedInfo.remove({ model, ...previous });
      if (version) {
        const labels = { version: String(version.version), sha256: version.sha256 };
        loadedInfo.set({ model, ...labels }, 1);
        loadedNow.set(model, labels);
      } else loadedNow.delete(model);
    },
    swap: (model, outcome, seconds) => {
      swaps.inc({ model, outcome });
      swapDuration.observe({ model, outcome }, seconds);
    },
    swapFailure: (model, step) => swapFailures.inc({ model, step }),
  };
}
