/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops: every index is in range by construction, and `!` costs nothing at run time (see train-classifier.ts). */
import type { FeatureMatrix } from '../features/feature-matrix';
import { ForwardScratch, forwardLogits, softmaxInto } from '../model/forward';
import type { ClassifierWeights } from '../model/model-contract';

/** Class-weighted cross-entropy and accuracy of `model` on `rows` (the validation split). */
export function evaluateRows(model: ClassifierWeights, matrix: FeatureMatrix, rows: Int32Array, y: Int32Array, classWeight: Float64Array) {
  const classes = model.labels.length;
  const scratch = new ForwardScratch(model.dim, classes);
  const probs = new Float64Array(classes);
  let loss = 0;
  let weight = 0;
  let correct = 0;
  for (const r of rows) {
    forwardLogits(model, matrix.ids, matrix.weights, matrix.offsets[r]!, matrix.offsets[r + 1]!, scratch);
    softmaxInto(scratch.logits, classes, 1, probs, 0);
    let arg = 0;
    for (let c = 1; c < classes; c++) if (probs[c]! > probs[arg]!) arg = c;
    const t = y[r]!;
    if (arg === t) correct++;
    const cw = classWeight[t]!;
    loss += -cw * Math.log(Math.max(probs[t]!, 1e-30));
    weight += cw;
  }
  return { loss: loss / Math.max(weight, 1e-12), accuracy: rows.length > 0 ? correct / rows.length : 0 };
}

/** Probabilities of `rows`, rows × classes, row-major: what the caller calibrates thresholds on. */
export function predictRows(model: ClassifierWeights, matrix: FeatureMatrix, rows: Int32Array): Float32Array {
  const classes = model.labels.length;
  const out = new Float32Array(rows.length * classes);
  const scratch = new ForwardScratch(model.dim, classes);
  rows.forEach((r, n) => {
    forwardLogits(model, matrix.ids, matrix.weights, matrix.offsets[r]!, matrix.offsets[r + 1]!, scratch);
    softmaxInto(scratch.logits, classes, 1, out, n * classes);
  });
  return out;
}
