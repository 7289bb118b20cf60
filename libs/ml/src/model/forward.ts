/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in range by construction, and `!` costs nothing at run time (noUncheckedIndexedAccess would otherwise add a branch per element). */
import { featureRow, featurizeBatch } from '../features/feature-matrix';
import type { ClassifierWeights, Features } from './model-contract';

/**
 * The reference forward pass; the ONNX graph must match it (parity test). For each text:
 *   e      = Σ_i w_i·E[id_i] / max(Σ_i w_i, 1e-12)   (zero vector when the text has no features)
 *   logits = W·e + b                                  (full-rank: logits = e + b)
 *   probs  = softmax(logits / T)
 * Sums run in float64 and are rounded to float32 once at the end.
 *
 * @returns texts × classes probabilities, row-major.
 */
export function predictProbabilities(weights: ClassifierWeights, features: readonly Features[], temperature = 1): Float32Array {
  const classes = weights.labels.length;
  const out = new Float32Array(features.length * classes);
  const scratch = new ForwardScratch(weights.dim, classes);
  for (let r = 0; r < features.length; r++) {
    const f = features[r]!;
    forwardLogits(weights, f.ids, f.weights, 0, f.ids.length, scratch);
    softmaxInto(scratch.logits, classes, temperature, out, r * classes);
  }
  return out;
}

/** Reusable buffers for {@link forwardLogits}. */
export class ForwardScratch {
  readonly hidden: Float64Array;
  readonly logits: Float64Array;
  constructor(dim: number, classes: number) {
    this.hidden = new Float64Array(dim);
    this.logits = new Float64Array(classes);
  }
}

/** Logits of the features in `ids/weights[start..end)` into `scratch.logits`; returns Σ w_i. */
export function forwardLogits(
  weights: ClassifierWeights,
  ids: Int32Array,
  featureWeights: Float32Array,
  start: number,
  end: number,
  scratch: ForwardScratch,
): number {
  const { dim, embeddings: E, outputWeights: W, outputBias: b } = weights;
  const classes = b.length;
  const h = scratch.hidden;
  const logits = scratch.logits;
  h.fill(0);
  let total = 0;
  for (let j = start; j < end; j++) total += featureWeights[j]!;
  const norm = 1 / Math.max(total, 1e-12);
  for (let j = start; j < end; j++) {
    const a = featureWeights[j]! * norm;
    if (a === 0) continue;
    const row = ids[j]! * dim;
    for (let k = 0; k < dim; k++) h[k]! += a * E[row + k]!;
  }
  if (W === null) {
    for (let c = 0; c < classes; c++) logits[c] = h[c]! + b[c]!;
  } else {
    for (let c = 0; c < classes; c++) {
      let z = b[c]!;
      const row = c * dim;
      for (let k = 0; k < dim; k++) z += W[row + k]! * h[k]!;
      logits[c] = z;
    }
  }
  return total;
}

/** softmax(logits / T) into `out[offset..offset+classes)`, stabilised by the max logit. */
export function softmaxInto(logits: Float64Array, classes: number, temperature: number, out: Float32Array | Float64Array, offset: number): void {
  const invT = 1 / temperature;
  let max = -Infinity;
  for (let c = 0; c < classes; c++) if (logits[c]! > max) max = logits[c]!;
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += Math.exp((logits[c]! - max) * invT);
  const inv = 1 / sum;
  for (let c = 0; c < classes; c++) out[offset + c] = Math.exp((logits[c]! - max) * invT) * inv;
}

/**
 * Featurise `texts` with the model's own featuriser settings and run {@link predictProbabilities}:
 * the TypeScript counterpart of `ModelSession.predict`, for evaluation and benchmarks.
 */
export function predictTextProbabilities(weights: ClassifierWeights, texts: readonly string[], temperature = 1): Float32Array {
  const matrix = featurizeBatch(texts, weights.featurizer);
  return predictProbabilities(
    weights,
    Array.from({ length: matrix.rows }, (_, i) => featureRow(matrix, i)),
    temperature,
  );
}
