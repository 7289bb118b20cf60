/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in range by construction, and `!` costs nothing at run time (noUncheckedIndexedAccess would otherwise add a branch per element). */
import type { FeaturizerConfig, Features } from '../model/model-contract';
import { FeatureAccumulator } from './feature-accumulator';
import { accumulate } from './featurize';

/** Reused by every call (featurisation is synchronous): a batch allocates only its result. */
const sharedAccumulator = new FeatureAccumulator();

/**
 * Features of many texts in compressed sparse rows: text `i` owns `ids[offsets[i]..offsets[i+1])`
 * and the same slice of `weights`. Three flat typed arrays: cheap to train over, to transfer to a
 * worker thread, and to compare byte for byte.
 */
export interface FeatureMatrix {
  readonly rows: number;
  /** rows + 1 entries. */
  readonly offsets: Int32Array;
  readonly ids: Int32Array;
  readonly weights: Float32Array;
}

/** Featurises every text once (training reuses the result for every epoch). */
export function featurizeBatch(texts: readonly string[], config: FeaturizerConfig): FeatureMatrix {
  const acc = sharedAccumulator;
  const offsets = new Int32Array(texts.length + 1);
  let ids = new Int32Array(Math.max(1_024, texts.length * 64));
  let weights = new Float32Array(ids.length);
  let nnz = 0;
  for (let r = 0; r < texts.length; r++) {
    accumulate(texts[r] ?? '', config, acc);
    const n = acc.count;
    if (nnz + n > ids.length) {
      const size = Math.max(ids.length * 2, nnz + n);
      const grownIds = new Int32Array(size);
      grownIds.set(ids.subarray(0, nnz));
      const grownWeights = new Float32Array(size);
      grownWeights.set(weights.subarray(0, nnz));
      ids = grownIds;
      weights = grownWeights;
    }
    ids.set(acc.ids.subarray(0, n), nnz);
    for (let i = 0; i < n; i++) weights[nnz + i] = acc.weights[i]!;
    nnz += n;
    offsets[r + 1] = nnz;
  }
  return { rows: texts.length, offsets, ids: ids.slice(0, nnz), weights: weights.slice(0, nnz) };
}

/** Row `i` as a {@link Features} view (no copy). */
export function featureRow(matrix: FeatureMatrix, i: number): Features {
  const start = matrix.offsets[i]!;
  const end = matrix.offsets[i + 1]!;
  return { ids: matrix.ids.subarray(start, end), weights: matrix.weights.subarray(start, end) };
}
