import type { FeatureMatrix } from '../features/feature-matrix';
import type { ClassifierWeights, FeaturizerConfig } from '../model/model-contract';
import { fillUpdateWeights, initUsedRows } from './feature-statistics';
import type { Prng } from './prng';
import type { StepContext } from './sgd-steps';
import { createSimdKernels, MemoryLayout } from './simd-kernels';
import type { ResolvedTrainSettings } from './train-settings';
import type { TrainingParams } from './training-params';

/** A run's parameters and step buffers, ready for the SGD loop. */
export interface TrainingMemory {
  /** The model being trained: its arrays are `params`. */
  readonly model: ClassifierWeights;
  readonly params: TrainingParams;
  readonly step: StepContext;
}

/**
 * Parameters, the CSR features and the step buffers all live in one WebAssembly memory so the
 * SIMD kernels can work on them in place; `params` are float32 views into it. Initialises the
 * low-rank embeddings (the run's first draws from `prng`).
 */
export function allocateTrainingMemory(
  matrix: FeatureMatrix,
  labels: readonly string[],
  featurizer: FeaturizerConfig,
  settings: ResolvedTrainSettings,
  train: Int32Array,
  prng: Prng,
): TrainingMemory {
  const classes = labels.length;
  const { dim, mode } = settings;
  const lowRank = mode === 'low-rank';
  const buckets = featurizer.buckets;
  const layout = new MemoryLayout();
  const at = {
    embeddings: layout.reserve(buckets * dim),
    outputWeights: lowRank ? layout.reserve(classes * dim) : -1,
    outputBias: layout.reserve(classes),
    ids: layout.reserve(matrix.ids.length),
    weights: layout.reserve(matrix.weights.length),
    updateWeights: layout.reserve(matrix.weights.length),
    hidden: layout.reserve(dim),
    logits: layout.reserve(classes),
    gradOut: layout.reserve(classes),
    gradHidden: layout.reserve(dim),
  };
  const kernels = createSimdKernels(layout.bytes);
  const f32 = (offset: number, length: number) => new Float32Array(kernels.memory.buffer, offset, length);
  const params: TrainingParams = {
    embeddings: f32(at.embeddings, buckets * dim),
    outputWeights: lowRank ? f32(at.outputWeights, classes * dim) : null,
    outputBias: f32(at.outputBias, classes),
  };
  new Int32Array(kernels.memory.buffer, at.ids, matrix.ids.length).set(matrix.ids);
  f32(at.weights, matrix.weights.length).set(matrix.weights);
  fillUpdateWeights(f32(at.updateWeights, matrix.weights.length), matrix, train, buckets, settings.idfPower);
  if (lowRank) initUsedRows(params.embeddings, matrix, train, buckets, dim, prng);
  const model: ClassifierWeights = { mode, labels: [...labels], featurizer, dim, ...params };
  const step: StepContext = {
    k: kernels,
    at,
    dim,
    classes,
    bias: params.outputBias,
    hidden: f32(at.hidden, dim),
    logits: f32(at.logits, classes),
    gradOut: f32(at.gradOut, classes),
    gradHidden: f32(at.gradHidden, dim),
    probs: new Float64Array(classes),
    biasShare: lowRank ? 1 : Math.max(matrix.rows, 1) / Math.max(matrix.ids.length, 1),
  };
  return { model, params, step };
}
