/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops: every index is in range by construction, and `!` costs nothing at run time (see train-classifier.ts). */
import type { SimdKernels } from './simd-kernels';

/** What a step needs: the kernels, where things are in their memory, and views of the buffers. */
export interface StepContext {
  readonly k: SimdKernels;
  readonly at: { readonly embeddings: number; readonly outputWeights: number; readonly outputBias: number; readonly ids: number; readonly weights: number; readonly updateWeights: number; readonly hidden: number; readonly logits: number; readonly gradOut: number; readonly gradHidden: number };
  readonly dim: number;
  readonly classes: number;
  readonly bias: Float32Array;
  readonly hidden: Float32Array;
  readonly logits: Float32Array;
  readonly gradOut: Float32Array;
  readonly gradHidden: Float32Array;
  readonly probs: Float64Array;
  /**
   * Full-rank only: the bias's share of a step, 1 / (mean features per row) of the run. The bias
   * acts like one more feature of average weight; a share of 1/n of the row's own count moved it
   * n_mean/n times faster on short rows, and with two to four labels (every row pushing the same
   * few biases) that swung the logits by several nats between epochs (issue #11).
   */
  readonly biasShare: number;
}

/**
 * One SGD step of the low-rank model on features [start, start+n) of the CSR arrays; `alpha` is
 * lr × class weight, `norm` is 1 / Σ w. Returns the example's cross-entropy. The gradient towards
 * the hidden vector uses each output row before that row is updated, as fastText does.
 */
export function lowRankStep(s: StepContext, start: number, n: number, norm: number, target: number, alpha: number): number {
  const { k, at, dim, classes } = s;
  const ids = at.ids + start * 4;
  const w = at.weights + start * 4;
  s.hidden.fill(0);
  k.gather(ids, w, n, norm, at.embeddings, dim * 4, at.hidden, dim);
  k.denseForward(at.outputWeights, at.hidden, at.outputBias, at.logits, classes, dim);
  const loss = softmaxGradient(s, target, alpha);
  for (let c = 0; c < classes; c++) s.bias[c] = s.bias[c]! - s.gradOut[c]!;
  s.gradHidden.fill(0);
  k.denseBackward(at.outputWeights, at.hidden, at.gradOut, at.gradHidden, classes, dim);
  k.scatter(ids, at.updateWeights + start * 4, n, norm, at.embeddings, dim * 4, at.gradHidden, dim);
  return loss;
}

/** One SGD step of the full-rank model: embedding rows are class logits. */
export function fullRankStep(s: StepContext, start: number, n: number, norm: number, target: number, alpha: number): number {
  const { k, at, classes } = s;
  const ids = at.ids + start * 4;
  const w = at.weights + start * 4;
  s.logits.set(s.bias);
  k.gather(ids, w, n, norm, at.embeddings, classes * 4, at.logits, classes);
  const loss = softmaxGradient(s, target, alpha);
  // The same bias step for every row, however short (see StepContext.biasShare).
  for (let c = 0; c < classes; c++) s.bias[c] = s.bias[c]! - s.gradOut[c]! * s.biasShare;
  k.scatter(ids, at.updateWeights + start * 4, n, norm, at.embeddings, classes * 4, at.gradOut, classes);
  return loss;
}

/** softmax(logits) → gradOut = alpha·(p − onehot(target)); returns −log p[target]. */
function softmaxGradient(s: StepContext, target: number, alpha: number): number {
  const { logits, probs, gradOut, classes } = s;
  let max = -Infinity;
  for (let c = 0; c < classes; c++) if (logits[c]! > max) max = logits[c]!;
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    const e = Math.exp(logits[c]! - max);
    probs[c] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let c = 0; c < classes; c++) gradOut[c] = alpha * (probs[c]! * inv - (c === target ? 1 : 0));
  return -Math.log(Math.max(probs[target]! * inv, 1e-30));
}
