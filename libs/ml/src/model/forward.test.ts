/* eslint-disable @typescript-eslint/no-non-null-assertion -- test data is built in the test, indices are known to exist. */
import { describe, expect, it } from 'vitest';
import { defaultFeaturizerConfig } from '../features/featurizer-config';
import { predictProbabilities } from './forward';
import type { ClassifierWeights, Features } from './model-contract';

const featurizer = defaultFeaturizerConfig({ buckets: 4 });
const features = (ids: number[], weights: number[]): Features => ({ ids: Int32Array.from(ids), weights: Float32Array.from(weights) });

function softmax(z: number[], t = 1): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp((v - m) / t));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

describe('predictProbabilities', () => {
  it('low-rank: weighted mean embedding → W·e + b → softmax(·/T)', () => {
    const weights: ClassifierWeights = {
      mode: 'low-rank',
      labels: ['a', 'b', 'c'],
      featurizer,
      dim: 2,
      embeddings: Float32Array.from([0, 0, 1, 2, -1, 0.5, 3, 3]),
      outputWeights: Float32Array.from([1, 0, 0, 1, 1, -1]),
      outputBias: Float32Array.from([0.1, 0, -0.1]),
    };
    const probs = predictProbabilities(weights, [features([1, 2], [1, 3]), features([], [])], 2);
    const e = [(1 * 1 + 3 * -1) / 4, (1 * 2 + 3 * 0.5) / 4];
    const logits = [e[0]! + 0.1, e[1]!, e[0]! - e[1]! - 0.1];
    expect(Array.from(probs.subarray(0, 3))).toEqual(softmax(logits, 2).map((p) => expect.closeTo(p, 6)));
    // No features: the zero vector, so only the bias speaks.
    expect(Array.from(probs.subarray(3, 6))).toEqual(softmax([0.1, 0, -0.1], 2).map((p) => expect.closeTo(p, 6)));
  });

  it('full-rank: logits = e + b', () => {
    const weights: ClassifierWeights = {
      mode: 'full-rank',
      labels: ['x', 'y'],
      featurizer,
      dim: 2,
      embeddings: Float32Array.from([0, 0, 2, -2, 0, 4, 1, 1]),
      outputWeights: null,
      outputBias: Float32Array.from([0.5, 0]),
    };
    const probs = predictProbabilities(weights, [features([1, 2], [1, 1])]);
    expect(Array.from(probs)).toEqual(softmax([1 + 0.5, 1]).map((p) => expect.closeTo(p, 6)));
  });
});
