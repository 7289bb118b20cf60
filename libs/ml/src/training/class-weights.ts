/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops: every index is in range by construction, and `!` costs nothing at run time (see train-classifier.ts). */

/** Per-class loss weights over the training split: 'balanced' is scikit-learn's n / (classes · count). */
export function computeClassWeights(y: Int32Array, train: Int32Array, classes: number, kind: 'balanced' | 'sqrt' | 'none'): Float64Array {
  const weights = new Float64Array(classes).fill(1);
  if (kind === 'none') return weights;
  const counts = new Float64Array(classes);
  for (const i of train) counts[y[i]!]!++;
  const present = counts.filter((c) => c > 0).length;
  for (let c = 0; c < classes; c++) {
    if (counts[c]! === 0) continue;
    const w = train.length / (present * counts[c]!);
    weights[c] = kind === 'balanced' ? w : Math.sqrt(w);
  }
  return weights;
}
