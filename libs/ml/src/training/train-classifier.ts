/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in range by construction, and `!` costs nothing at run time (noUncheckedIndexedAccess would otherwise add a branch per element). */
import { featurizeBatch, type FeatureMatrix } from '../features/feature-matrix';
import { defaultFeaturizerConfig } from '../features/featurizer-config';
import type { ClassifierWeights, FeaturizerConfig } from '../model/model-contract';
import { computeClassWeights } from './class-weights';
import { EarlyStopping } from './early-stopping';
import { rowNorms } from './feature-statistics';
import { Prng } from './prng';
import { selectWeights, type WeightSelection } from './select-weights';
import { fullRankStep, lowRankStep } from './sgd-steps';
import { stratifiedSplit } from './stratified-split';
import type { ProgressCallback, TrainingExample, TrainOptions, TrainProgress } from './train-options';
import { resolveSettings, withAutoFeaturizer, type ResolvedTrainSettings } from './train-settings';
import { TrainingAbortedError } from './training-aborted-error';
import { resolveLabels } from './training-labels';
import { allocateTrainingMemory } from './training-memory';
import { evaluateRows, predictRows } from './validation-pass';
import { WeightAverage } from './weight-averaging';

export interface TrainResult {
  readonly weights: ClassifierWeights;
  /** The held-out split and the final model's probabilities on it (for calibration and thresholds). */
  readonly validation: {
    /** Positions in the examples given to the trainer. */
    readonly indices: Int32Array;
    readonly texts: readonly string[];
    /** Class index (into `weights.labels`) of each held-out example. */
    readonly labels: Int32Array;
    /** indices.length × classes, row-major. */
    readonly probabilities: Float32Array;
  };
  readonly history: readonly TrainProgress[];
  readonly timings: { readonly featurizeMs: number; readonly trainMs: number; readonly totalMs: number };
  readonly settings: ResolvedTrainSettings;
  /** Which weights were kept: the last epoch's, the best epoch's (early stopping) or the average. */
  readonly selected: WeightSelection;
  readonly stoppedEarly: boolean;
}

/**
 * Trains a fastText-style classifier (Joulin et al. 2017) with plain SGD and a linearly decaying
 * learning rate, everything in typed arrays. Synchronous between epochs (it yields to the event
 * loop once per epoch); servers should call {@link trainInWorker} instead.
 */
export async function trainClassifier(
  examples: readonly TrainingExample[],
  options: TrainOptions = {},
  onProgress?: ProgressCallback,
): Promise<TrainResult> {
  const started = performance.now();
  const labels = resolveLabels(examples, options.labels);
  const classOf = new Map(labels.map((l, i) => [l, i] as const));
  const y = new Int32Array(examples.length);
  examples.forEach((e, i) => (y[i] = classOf.get(e.label)!));
  const featurizer = defaultFeaturizerConfig(withAutoFeaturizer(options.featurizer, examples.length / labels.length));
  const settings = resolveSettings(options, labels.length, featurizer.buckets, examples.length);
  const matrix = featurizeBatch(
    examples.map((e) => e.text),
    featurizer,
  );
  const featurizeMs = performance.now() - started;
  const result = await trainOnFeatures(matrix, y, labels, featurizer, settings, onProgress, options.signal);
  const texts = Array.from(result.validation.indices, (i) => examples[i]!.text);
  return {
    ...result,
    validation: { ...result.validation, texts },
    timings: { featurizeMs, trainMs: result.trainMs, totalMs: performance.now() - started },
  };
}

interface CoreResult {
  readonly weights: ClassifierWeights;
  readonly validation: { readonly indices: Int32Array; readonly labels: Int32Array; readonly probabilities: Float32Array };
  readonly history: readonly TrainProgress[];
  readonly trainMs: number;
  readonly settings: ResolvedTrainSettings;
  readonly selected: WeightSelection;
  readonly stoppedEarly: boolean;
}

/** Training proper, over features computed once. */
export async function trainOnFeatures(
  matrix: FeatureMatrix,
  y: Int32Array,
  labels: readonly string[],
  featurizer: FeaturizerConfig,
  settings: ResolvedTrainSettings,
  onProgress?: ProgressCallback,
  signal?: AbortSignal,
): Promise<CoreResult> {
  const started = performance.now();
  const classes = labels.length;
  const { epochs, mode } = settings;
  const lowRank = mode === 'low-rank';
  const split = stratifiedSplit(y, classes, settings.validationFraction, settings.seed);
  const classWeight = computeClassWeights(y, split.train, classes, settings.classWeights);
  const prng = new Prng(settings.seed);
  const { model, params, step: ctx } = allocateTrainingMemory(matrix, labels, featurizer, settings, split.train, prng);

  const order = Int32Array.from(split.train);
  const totalSteps = epochs * order.length;
  // Full-rank rows receive 1/n of the gradient each (mean of n features); quoting its learning
  // rate per feature (× the mean feature count) keeps lr ≈ 0.5 meaningful for both modes.
  const lrScale = lowRank ? 1 : matrix.ids.length / Math.max(matrix.rows, 1);
  const { offsets } = matrix;
  const rowNorm = rowNorms(matrix);
  const hasValidation = split.validation.length > 0;
  const validate = () => evaluateRows(model, matrix, split.validation, y, classWeight);
  const earlyStopping = new EarlyStopping(hasValidation ? settings.earlyStoppingPatience : null);
  const average = WeightAverage.forRun(params, settings.averageLastEpochs, epochs);
  const history: TrainProgress[] = [];
  let step = 0;
  let stoppedEarly = false;

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const epochStart = performance.now();
    prng.shuffle(order);
    let lossSum = 0;
    let weightSum = 0;
    for (let o = 0; o < order.length; o++) {
      if ((o & 1_023) === 0 && signal?.aborted) throw new TrainingAbortedError(signal.reason);
      const i = order[o]!;
      const lr = settings.lr * lrScale * (1 - step / totalSteps);
      step++;
      const start = offsets[i]!;
      const end = offsets[i + 1]!;
      if (start === end) continue;
      const cw = classWeight[y[i]!]!;
      const norm = rowNorm[i]!;
      if (norm === 0) continue;
      lossSum += cw * (lowRank ? lowRankStep : fullRankStep)(ctx, start, end - start, norm, y[i]!, lr * cw);
      weightSum += cw;
    }
    const epochMs = performance.now() - epochStart;

    average?.add(epoch, params);
    const val = hasValidation ? validate() : null;
    const progress = epochProgress(epoch, epochs, lossSum, weightSum, val, order.length / Math.max(epochMs / 1000, 1e-9), performance.now() - started);
    history.push(progress);
    onProgress?.(progress);

    if (val !== null && earlyStopping.shouldStop(epoch, val.loss, params)) {
      stoppedEarly = true;
      break;
    }
    if (epoch < epochs) {
      // Let timers, I/O and abort signals of an in-process caller run between epochs.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw new TrainingAbortedError(signal.reason);
    }
  }

  const selected = selectWeights({ params, history, stoppedEarly, best: earlyStopping.best, average, validationLoss: hasValidation ? () => validate().loss : null });
  const probabilities = predictRows(model, matrix, split.validation);
  return {
    weights: ownedWeights(model),
    validation: { indices: split.validation, labels: Int32Array.from(split.validation, (i) => y[i]!), probabilities },
    history,
    trainMs: performance.now() - started,
    settings,
    selected,
    stoppedEarly,
  };
}

function epochProgress(
  epoch: number,
  epochs: number,
  lossSum: number,
  weightSum: number,
  val: { loss: number; accuracy: number } | null,
  examplesPerSecond: number,
  elapsedMs: number,
): TrainProgress {
  return { epoch, epochs, loss: weightSum > 0 ? lossSum / weightSum : 0, valLoss: val?.loss ?? null, valAccuracy: val?.accuracy ?? null, examplesPerSecond, elapsedMs };
}

/** Copies out of the WebAssembly memory: the result must own plain, transferable arrays. */
function ownedWeights(model: ClassifierWeights): ClassifierWeights {
  return {
    ...model,
    embeddings: model.embeddings.slice(),
    outputWeights: model.outputWeights?.slice() ?? null,
    outputBias: model.outputBias.slice(),
  };
}
