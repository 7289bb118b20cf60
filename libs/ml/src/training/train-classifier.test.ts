/* eslint-disable @typescript-eslint/no-non-null-assertion -- test data is built in the test, indices are known to exist. */
import { describe, expect, it } from 'vitest';
import { predictTextProbabilities } from '../model/forward';
import type { ClassifierWeights } from '../model/model-contract';
import { InvalidTrainingInputError } from './invalid-training-input-error';
import { syntheticIntents, syntheticLabels } from './synthetic-intents.fixture';
import { trainClassifier } from './train-classifier';
import type { TrainingExample, TrainOptions, TrainProgress } from './train-options';
import { TrainingAbortedError } from './training-aborted-error';

const small = { featurizer: { buckets: 8_192 } } satisfies TrainOptions;

function accuracy(weights: ClassifierWeights, examples: readonly TrainingExample[]): number {
  const probs = predictTextProbabilities(
    weights,
    examples.map((e) => e.text),
  );
  const C = weights.labels.length;
  let correct = 0;
  examples.forEach((e, r) => {
    let best = 0;
    for (let c = 1; c < C; c++) if (probs[r * C + c]! > probs[r * C + best]!) best = c;
    if (weights.labels[best] === e.label) correct++;
  });
  return correct / examples.length;
}

const bytes = (a: Float32Array | null) => Buffer.from(a === null ? new Uint8Array() : new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

describe('trainClassifier', () => {
  const train = syntheticIntents(60, 1);
  const test = syntheticIntents(30, 2);

  it.each(['low-rank', 'full-rank'] as const)('learns a small synthetic intent set (%s)', async (mode) => {
    const result = await trainClassifier(train, { ...small, mode, epochs: 15, dim: 16 });
    expect(result.weights.mode).toBe(mode);
    expect(result.weights.labels).toEqual([...syntheticLabels].sort());
    expect(result.weights.embeddings[0]).toBe(0); // bucket 0 is padding
    expect(accuracy(result.weights, test)).toBeGreaterThan(0.9);
    const C = result.weights.labels.length;
    expect(result.validation.probabilities.length).toBe(result.validation.indices.length * C);
    expect(result.validation.texts[0]).toBe(train[result.validation.indices[0]!]!.text);
  });

  it('is deterministic: same data and seed give byte-identical weights', async () => {
    for (const mode of ['low-rank', 'full-rank'] as const) {
      const options: TrainOptions = { ...small, mode, epochs: 4, dim: 8, seed: 42, averageLastEpochs: 2 };
      const [a, b] = [await trainClassifier(train, options), await trainClassifier(train, options)];
      expect(bytes(a.weights.embeddings).equals(bytes(b.weights.embeddings))).toBe(true);
      expect(bytes(a.weights.outputWeights).equals(bytes(b.weights.outputWeights))).toBe(true);
      expect(bytes(a.weights.outputBias).equals(bytes(b.weights.outputBias))).toBe(true);
      expect(Array.from(a.validation.indices)).toEqual(Array.from(b.validation.indices));
      const c = await trainClassifier(train, { ...options, seed: 43 });
      expect(bytes(a.weights.embeddings).equals(bytes(c.weights.embeddings))).toBe(false);
    }
  });

  it('reports progress once per epoch with increasing epochs', async () => {
    const seen: TrainProgress[] = [];
    await trainClassifier(train, { ...small, epochs: 5, earlyStoppingPatience: null }, (p) => seen.push(p));
    expect(seen.map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5]);
    for (const p of seen) {
      expect(p.examplesPerSecond).toBeGreaterThan(0);
      expect(Number.isFinite(p.loss)).toBe(true);
      expect(p.valAccuracy).not.toBeNull();
    }
  });

  it('stops early when validation loss stops improving and keeps the best epoch', async () => {
    // Labels unrelated to the text: training memorises, validation loss only gets worse.
    const noise = syntheticIntents(40, 3).map((e, i) => ({ text: e.text, label: syntheticLabels[(i * 7) % 5]! }));
    const result = await trainClassifier(noise, { ...small, mode: 'full-rank', lr: 2, epochs: 40, earlyStoppingPatience: 2, validationFraction: 0.3 });
    expect(result.stoppedEarly).toBe(true);
    expect(result.history.length).toBeLessThan(40);
    expect(result.selected).toBe('best-epoch');
  });

  it('balanced class weights change predictions on an imbalanced set', async () => {
    const counts = { order_status: 200, cancel_order: 200, password_reset: 200, greeting: 200, complaint: 4 };
    const imbalanced = syntheticIntents(0, 5, counts);
    const options: TrainOptions = { ...small, mode: 'full-rank', epochs: 5, validationFraction: 0 };
    const plain = await trainClassifier(imbalanced, { ...options, classWeights: 'none' });
    const balanced = await trainClassifier(imbalanced, { ...options, classWeights: 'balanced' });
    const rare = syntheticIntents(0, 6, { complaint: 40 });
    expect(accuracy(balanced.weights, rare)).toBeGreaterThan(accuracy(plain.weights, rare));
  });

  it('rejects unusable input with a coded error', async () => {
    await expect(trainClassifier([], small)).rejects.toBeInstanceOf(InvalidTrainingInputError);
    await expect(trainClassifier([{ text: 'a', label: 'x' }], small)).rejects.toThrow(/two distinct labels/);
    await expect(trainClassifier(train, { ...small, epochs: 0 })).rejects.toMatchObject({ code: 'CICLO_ERR_ML_INVALID_TRAINING_INPUT' });
    await expect(trainClassifier(train, { ...small, labels: ['greeting'] })).rejects.toThrow(/not in options.labels/);
  });

  it('trains on texts that have no features and on odd inputs', async () => {
    const odd = [...train, { text: '', label: 'greeting' }, { text: '\ud800', label: 'complaint' }, { text: '😡'.repeat(500), label: 'complaint' }];
    const result = await trainClassifier(odd, { ...small, epochs: 2 });
    expect(result.weights.embeddings.every(Number.isFinite)).toBe(true);
  });

  it('aborts between epochs when the signal fires', async () => {
    const controller = new AbortController();
    const run = trainClassifier(train, { ...small, epochs: 50, signal: controller.signal }, (p) => {
      if (p.epoch === 2) controller.abort();
    });
    await expect(run).rejects.toBeInstanceOf(TrainingAbortedError);
  });
});
