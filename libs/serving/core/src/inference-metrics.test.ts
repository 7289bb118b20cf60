import { createMetricsRegistry } from '@ciclo/platform-observability';
import { describe, expect, it } from 'vitest';
import { createInferenceMetrics } from './inference-metrics';

describe('inference metrics', () => {
  it('exposes request, batch, prediction and swap series by model', async () => {
    const registry = createMetricsRegistry('nlp-service');
    const metrics = createInferenceMetrics(registry);
    metrics.inference('intent', 3, 0.002);
    metrics.inference('intent', 3, 0.004);
    metrics.batch('intent', 8);
    metrics.prediction('intent', 'greet', 0.9, false);
    metrics.prediction('intent', 'greet', 0.4, true);
    metrics.swap('intent', 'succeeded', 1.5);
    metrics.swapFailure('intent', 'verify');
    const text = await registry.metrics();
    expect(text).toMatch(/ciclo_inference_duration_seconds_count\{[^}]*model="intent",version="3"[^}]*\} 2/);
    expect(text).toMatch(/ciclo_inference_batch_size_texts_sum\{[^}]*model="intent"[^}]*\} 8/);
    expect(text).toMatch(/ciclo_inference_predictions_total\{model="intent",label="greet",app="nlp-service"\} 2/);
    expect(text).toMatch(/ciclo_inference_prediction_confidence_ratio_count\{[^}]*model="intent"[^}]*\} 2/);
    expect(text).toMatch(/ciclo_inference_low_confidence_predictions_total\{model="intent",app="nlp-service"\} 1/);
    expect(text).toMatch(/ciclo_model_swaps_total\{model="intent",outcome="succeeded",app="nlp-service"\} 1/);
    expect(text).toMatch(/ciclo_model_swap_failures_total\{model="intent",step="verify",app="nlp-service"\} 1/);
  });

  it('keeps one loaded_info series per model: the version it serves now', async () => {
    const registry = createMetricsRegistry('nlp-service');
    const metrics = createInferenceMetrics(registry);
    metrics.loaded('intent', { version: 1, sha256: 'a'.repeat(64) });
    metrics.loaded('intent', { version: 2, sha256: 'b'.repeat(64) });
    let text = await registry.metrics();
    expect(text).toMatch(/ciclo_model_loaded_info\{model="intent",version="2",sha256="b{64}",app="nlp-service"\} 1/);
    expect(text).not.toMatch(/ciclo_model_loaded_info\{[^}]*version="1"/);
    metrics.loaded('intent', null);
    text = await registry.metrics();
    expect(text).not.toMatch(/ciclo_model_loaded_info\{/);
  });

  it('records label values past their cap as other instead of growing without limit', async () => {
    const registry = createMetricsRegistry('nlp-service');
    const metrics = createInferenceMetrics(registry);
    for (let i = 0; i < 500; i += 1) metrics.prediction('intent', `label-${i}`, 0.9, false);
    const predictions = (await registry.getMetricsAsJSON()).find((m) => m.name === 'ciclo_inference_predictions_total');
    expect(predictions?.values.length).toBe(201);
    expect(predictions?.values.find((v) => v.labels['label'] === 'other')?.value).toBe(300);
  });
});

describe('inference metrics: the version cap counts live versions', () => {
  it('records the 101st version under its own number when the older ones were retired', async () => {
    const registry = createMetricsRegistry('nlp-service');
    const metrics = createInferenceMetrics(registry);
    for (let version = 1; version <= 101; version += 1) {
      metrics.loaded('intent', { version, sha256: 'a'.repeat(64) });
      metrics.inference('intent', version, 0.002);
      // The repository retires the previous version after each swap.
      if (version > 1) metrics.retired('intent', version - 1);
    }
    const latency = (await registry.getMetricsAsJSON()).find((m) => m.name === 'ciclo_inference_duration_seconds');
    const versions = new Set(latency?.values.map((v) => v.labels['version']));
    expect(versions).toEqual(new Set(['101']));
  });

  it('without retirement the cap still folds versions past 100 into other', async () => {
    const registry = createMetricsRegistry('nlp-service');
    const metrics = createInferenceMetrics(registry);
    for (let version = 1; version <= 101; version += 1) metrics.inference('intent', version, 0.002);
    const text = await registry.metrics();
    expect(text).toMatch(/ciclo_inference_duration_seconds_count\{[^}]*version="other"[^}]*\} 1/);
    expect(text).not.toMatch(/version="101"/);
  });
});
