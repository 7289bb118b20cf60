/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in range by construction, and `!` costs nothing at run time (noUncheckedIndexedAccess would otherwise add a branch per element). */
import { featurizeBatch, type FeatureMatrix } from '../features/feature-matrix';
import { defaultFeaturizerConfig } from '../features/featurizer-config';
import { ForwardScratch, forwardLogits, softmaxInto } from '../model/forward';
import type { ClassifierWeights, FeaturizerConfig } from '../model/model-contract';
import { InvalidTrainingInputError } from './invalid-training-input-error';
import { Prng } from './prng';
import { createSimdKernels, MemoryLayout, type SimdKernels } from './simd-kernels';
import { stratifiedSplit } from './stratified-split';
import {
  AUTO_FULL_RANK_MAX_PARAMETERS,
  type ProgressCallback,
  type TrainingExample,
  type TrainOptions,
  type TrainProgress,
} from './train-options';
import { TrainingAbortedError } from './training-aborted-error';

/** The settings a run actually used, after defaults and `auto` were resolved. */
export interface ResolvedTrainSettings {
  readonly mode: 'low-rank' | 'full-rank';
  readonly dim: number;
  readonly epochs: number;
  readonly lr: number;
  readonly seed: number;
  readonly validationFraction: number;
  readonly earlyStoppingPatience: number | null;
  readonly classWeights: 'balanced' | 'sqrt' | 'none';
  readonly averageLastEpochs: number;
  readonly idfPower: number;
}

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
  readonly selected: 'last' | 'best-epoch' | 'average';
  readonly stoppedEarly: boolean;
}

const DEFAULTS = { dim: 64, epochs: 20, lowRankLr: 0.5, fullRankLr: 0.65, seed: 1, validationFraction: 0.1, patience: 3, idfPower: 2 } as const;

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
  const featurizer = defaultFeaturizerConfig(options.featurizer);
  const settings = resolveSettings(options, labels.length, featurizer.buckets);
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

function resolveLabels(examples: readonly TrainingExample[], given: readonly string[] | undefined): string[] {
  if (!Array.isArray(examples) || examples.length === 0) throw new InvalidTrainingInputError('No training examples.');
  const seen = new Set<string>();
  examples.forEach((e, i) => {
    if (typeof e?.text !== 'string' || typeof e.label !== 'string' || e.label.length === 0) {
      throw new InvalidTrainingInputError(`Example ${i} needs a string text and a non-empty string label.`, { index: i });
    }
    seen.add(e.label);
  });
  if (given !== undefined) {
    const missing = [...seen].filter((l) => !given.includes(l));
    if (missing.length > 0) throw new InvalidTrainingInputError('Some example labels are not in options.labels.', { missing });
    if (new Set(given).size !== given.length) throw new InvalidTrainingInputError('options.labels has duplicates.');
    return [...given];
  }
  // Code-unit order, not localeCompare: the label order must not depend on the machine's locale.
  const labels = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (labels.length < 2) throw new InvalidTrainingInputError('Training needs at least two distinct labels.', { labels });
  return labels;
}

function resolveSettings(o: TrainOptions, classes: number, buckets: number): ResolvedTrainSettings {
  const auto = buckets * classes <= AUTO_FULL_RANK_MAX_PARAMETERS ? 'full-rank' : 'low-rank';
  const mode = o.mode === undefined || o.mode === 'auto' ? auto : o.mode;
  const settings: ResolvedTrainSettings = {
    mode,
    dim: mode === 'full-rank' ? classes : (o.dim ?? DEFAULTS.dim),
    epochs: o.epochs ?? DEFAULTS.epochs,
    lr: o.lr ?? (mode === 'full-rank' ? DEFAULTS.fullRankLr : DEFAULTS.lowRankLr),
    seed: o.seed ?? DEFAULTS.seed,
    validationFraction: o.validationFraction ?? DEFAULTS.validationFraction,
    earlyStoppingPatience: o.earlyStoppingPatience === undefined ? DEFAULTS.patience : o.earlyStoppingPatience,
    classWeights: o.classWeights ?? 'balanced',
    averageLastEpochs: o.averageLastEpochs ?? 0,
    idfPower: o.idfPower ?? DEFAULTS.idfPower,
  };
  const bad: string[] = [];
  if (!Number.isInteger(settings.dim) || settings.dim < 1 || settings.dim > 4_096) bad.push('dim must be an integer in [1, 4096]');
  if (!Number.isInteger(settings.epochs) || settings.epochs < 1 || settings.epochs > 10_000) bad.push('epochs must be an integer in [1, 10000]');
  if (!(settings.lr > 0 && settings.lr <= 10_000)) bad.push('lr must be in (0, 10000]');
  if (!Number.isInteger(settings.seed)) bad.push('seed must be an integer');
  if (!(settings.validationFraction >= 0 && settings.validationFraction < 1)) bad.push('validationFraction must be in [0, 1)');
  if (settings.earlyStoppingPatience !== null && !(Number.isInteger(settings.earlyStoppingPatience) && settings.earlyStoppingPatience >= 1)) {
    bad.push('earlyStoppingPatience must be a positive integer or null');
  }
  if (!['balanced', 'sqrt', 'none'].includes(settings.classWeights)) bad.push("classWeights must be 'balanced', 'sqrt' or 'none'");
  if (!Number.isInteger(settings.averageLastEpochs) || settings.averageLastEpochs < 0) bad.push('averageLastEpochs must be an integer ≥ 0');
  if (!(settings.idfPower >= 0 && settings.idfPower <= 4)) bad.push('idfPower must be in [0, 4]');
  if (bad.length > 0) throw new InvalidTrainingInputError(`Invalid training options: ${bad.join('; ')}.`, { problems: bad });
  return settings;
}

/** Mutable parameters during training (the same arrays end up in the result). */
interface Params {
  readonly embeddings: Float32Array;
  readonly outputWeights: Float32Array | null;
  readonly outputBias: Float32Array;
}

interface CoreResult {
  readonly weights: ClassifierWeights;
  readonly validation: { readonly indices: Int32Array; readonly labels: Int32Array; readonly probabilities: Float32Array };
  readonly history: readonly TrainProgress[];
  readonly trainMs: number;
  readonly settings: ResolvedTrainSettings;
  readonly selected: 'last' | 'best-epoch' | 'average';
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
  const { dim, epochs, mode } = settings;
  const lowRank = mode === 'low-rank';
  const buckets = featurizer.buckets;
  const split = stratifiedSplit(y, classes, settings.validationFraction, settings.seed);
  const classWeight = computeClassWeights(y, split.train, classes, settings.classWeights);
  const prng = new Prng(settings.seed);

  // Parameters, the CSR features and the step buffers all live in one WebAssembly memory so the
  // SIMD kernels can work on them in place; `params` are float32 views into it.
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
  const params: Params = {
    embeddings: f32(at.embeddings, buckets * dim),
    outputWeights: lowRank ? f32(at.outputWeights, classes * dim) : null,
    outputBias: f32(at.outputBias, classes),
  };
  new Int32Array(kernels.memory.buffer, at.ids, matrix.ids.length).set(matrix.ids);
  f32(at.weights, matrix.weights.length).set(matrix.weights);
  fillUpdateWeights(f32(at.updateWeights, matrix.weights.length), matrix, split.train, buckets, settings.idfPower);
  if (lowRank) initUsedRows(params.embeddings, matrix, split.train, buckets, dim, prng);
  const model: ClassifierWeights = { mode, labels: [...labels], featurizer, dim, ...params };
  const ctx: StepContext = {
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
  };

  const order = Int32Array.from(split.train);
  const totalSteps = epochs * order.length;
  // Full-rank rows receive 1/n of the gradient each (mean of n features); quoting its learning
  // rate per feature (× the mean feature count) keeps lr ≈ 0.5 meaningful for both modes.
  const lrScale = lowRank ? 1 : matrix.ids.length / Math.max(matrix.rows, 1);
  const { offsets } = matrix;
  const rowNorm = rowNorms(matrix);
  const hasValidation = split.validation.length > 0;
  const patience = hasValidation ? settings.earlyStoppingPatience : null;
  const averaging = settings.averageLastEpochs >= 2 ? Math.min(settings.averageLastEpochs, epochs) : 0;
  const average = averaging > 0 ? zerosLike(params) : null;
  let averaged = 0;
  let best: { loss: number; epoch: number; params: Params | null } = { loss: Infinity, epoch: 0, params: null };
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

    if (average !== null && epoch > epochs - averaging) {
      addInto(average, params);
      averaged++;
    }
    const val = hasValidation ? evaluate(model, matrix, split.validation, y, classWeight) : null;
    const progress: TrainProgress = {
      epoch,
      epochs,
      loss: weightSum > 0 ? lossSum / weightSum : 0,
      valLoss: val?.loss ?? null,
      valAccuracy: val?.accuracy ?? null,
      examplesPerSecond: order.length / Math.max(epochMs / 1000, 1e-9),
      elapsedMs: performance.now() - started,
    };
    history.push(progress);
    onProgress?.(progress);

    if (patience !== null && val !== null) {
      if (val.loss < best.loss) {
        best = { loss: val.loss, epoch, params: best.params === null ? cloneParams(params) : copyInto(best.params, params) };
      } else if (epoch - best.epoch >= patience) {
        stoppedEarly = true;
        break;
      }
    }
    if (epoch < epochs) {
      // Let timers, I/O and abort signals of an in-process caller run between epochs.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw new TrainingAbortedError(signal.reason);
    }
  }

  // Choose the weights to keep: by validation loss when there is a validation split.
  let selected: 'last' | 'best-epoch' | 'average' = 'last';
  const lastEpoch = history.length;
  if (stoppedEarly && best.params !== null) {
    copyInto(params, best.params);
    selected = 'best-epoch';
  } else if (hasValidation) {
    let currentLoss = history[lastEpoch - 1]?.valLoss ?? Infinity;
    if (best.params !== null && best.epoch !== lastEpoch && best.loss < currentLoss) {
      copyInto(params, best.params);
      currentLoss = best.loss;
      selected = 'best-epoch';
    }
    if (average !== null && averaged >= 2) {
      const kept = cloneParams(params);
      scaleInto(params, average, 1 / averaged);
      const avgLoss = evaluate(model, matrix, split.validation, y, classWeight).loss;
      if (avgLoss < currentLoss) selected = 'average';
      else copyInto(params, kept);
    }
  } else if (average !== null && averaged >= 2) {
    scaleInto(params, average, 1 / averaged);
    selected = 'average';
  }

  const probabilities = predictRows(model, matrix, split.validation);
  // Copy out of the WebAssembly memory: the result must own plain, transferable arrays.
  const weights: ClassifierWeights = {
    ...model,
    embeddings: params.embeddings.slice(),
    outputWeights: params.outputWeights?.slice() ?? null,
    outputBias: params.outputBias.slice(),
  };
  return {
    weights,
    validation: { indices: split.validation, labels: Int32Array.from(split.validation, (i) => y[i]!), probabilities },
    history,
    trainMs: performance.now() - started,
    settings,
    selected,
    stoppedEarly,
  };
}

/**
 * The weights the backward pass uses: the feature weights times idf^p, normalised to mean 1 over
 * all features. A per-feature learning rate, not a change of the model: rare features (a typo'd
 * key word, a class's own bigram) learn faster and common ones ("<e", "de") slower — the SGD
 * counterpart of TF-IDF weighting (measured: +3 macro-F1 points on cosibot_pt), while the model
 * that ships keeps the plain weights and needs no idf table at serving time.
 */
function fillUpdateWeights(out: Float32Array, matrix: FeatureMatrix, train: Int32Array, buckets: number, power: number): void {
  if (power === 0) {
    out.set(matrix.weights);
    return;
  }
  const df = new Float64Array(buckets);
  for (const r of train) for (let j = matrix.offsets[r]!; j < matrix.offsets[r + 1]!; j++) df[matrix.ids[j]!]!++;
  const n = train.length;
  const boost = new Float64Array(matrix.ids.length);
  let sum = 0;
  for (let j = 0; j < matrix.ids.length; j++) {
    const idf = Math.log((1 + n) / (1 + df[matrix.ids[j]!]!)) + 1; // scikit-learn's smooth idf
    boost[j] = idf ** power;
    sum += boost[j]!;
  }
  const mean = sum / Math.max(matrix.ids.length, 1);
  for (let j = 0; j < matrix.ids.length; j++) out[j] = (matrix.weights[j]! * boost[j]!) / mean;
}

function computeClassWeights(y: Int32Array, train: Int32Array, classes: number, kind: 'balanced' | 'sqrt' | 'none'): Float64Array {
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

/**
 * fastText's initialisation, uniform in ±1/dim, but only for buckets the training data uses:
 * buckets never trained stay zero, so an unseen feature at serving time adds nothing rather
 * than noise (and the artifact compresses).
 */
function initUsedRows(E: Float32Array, matrix: FeatureMatrix, rows: Int32Array, buckets: number, dim: number, prng: Prng): void {
  const used = new Uint8Array(buckets);
  for (const r of rows) for (let j = matrix.offsets[r]!; j < matrix.offsets[r + 1]!; j++) used[matrix.ids[j]!] = 1;
  const scale = 1 / dim;
  for (let b = 0; b < buckets; b++) {
    if (used[b] === 0) continue;
    const row = b * dim;
    for (let k = 0; k < dim; k++) E[row + k] = (prng.next() * 2 - 1) * scale;
  }
}

/** 1 / Σ w per text (0 for a text without features, which training skips). */
function rowNorms(matrix: FeatureMatrix): Float64Array {
  const norms = new Float64Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++) {
    let total = 0;
    for (let j = matrix.offsets[r]!; j < matrix.offsets[r + 1]!; j++) total += matrix.weights[j]!;
    norms[r] = total > 0 ? 1 / total : 0;
  }
  return norms;
}

/** What a step needs: the kernels, where things are in their memory, and views of the buffers. */
interface StepContext {
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
}

/**
 * One SGD step of the low-rank model on features [start, start+n) of the CSR arrays; `alpha` is
 * lr × class weight, `norm` is 1 / Σ w. Returns the example's cross-entropy. The gradient towards
 * the hidden vector uses each output row before that row is updated, as fastText does.
 */
function lowRankStep(s: StepContext, start: number, n: number, norm: number, target: number, alpha: number): number {
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
function fullRankStep(s: StepContext, start: number, n: number, norm: number, target: number, alpha: number): number {
  const { k, at, classes } = s;
  const ids = at.ids + start * 4;
  const w = at.weights + start * 4;
  s.logits.set(s.bias);
  k.gather(ids, w, n, norm, at.embeddings, classes * 4, at.logits, classes);
  const loss = softmaxGradient(s, target, alpha);
  // The bias acts like one more feature of average weight (1/n of the mean): with the raw
  // learning rate it would move ~n times faster than any feature row and blow up the logits.
  const biasShare = 1 / n;
  for (let c = 0; c < classes; c++) s.bias[c] = s.bias[c]! - s.gradOut[c]! * biasShare;
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

function evaluate(model: ClassifierWeights, matrix: FeatureMatrix, rows: Int32Array, y: Int32Array, classWeight: Float64Array) {
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

function predictRows(model: ClassifierWeights, matrix: FeatureMatrix, rows: Int32Array): Float32Array {
  const classes = model.labels.length;
  const out = new Float32Array(rows.length * classes);
  const scratch = new ForwardScratch(model.dim, classes);
  rows.forEach((r, n) => {
    forwardLogits(model, matrix.ids, matrix.weights, matrix.offsets[r]!, matrix.offsets[r + 1]!, scratch);
    softmaxInto(scratch.logits, classes, 1, out, n * classes);
  });
  return out;
}

function zerosLike(p: Params): Params {
  return {
    embeddings: new Float32Array(p.embeddings.length),
    outputWeights: p.outputWeights === null ? null : new Float32Array(p.outputWeights.length),
    outputBias: new Float32Array(p.outputBias.length),
  };
}

function cloneParams(p: Params): Params {
  return { embeddings: p.embeddings.slice(), outputWeights: p.outputWeights?.slice() ?? null, outputBias: p.outputBias.slice() };
}

function copyInto(target: Params, source: Params): Params {
  target.embeddings.set(source.embeddings);
  if (target.outputWeights !== null && source.outputWeights !== null) target.outputWeights.set(source.outputWeights);
  target.outputBias.set(source.outputBias);
  return target;
}

function eachArray(a: Params, b: Params, fn: (x: Float32Array, y: Float32Array) => void): void {
  fn(a.embeddings, b.embeddings);
  if (a.outputWeights !== null && b.outputWeights !== null) fn(a.outputWeights, b.outputWeights);
  fn(a.outputBias, b.outputBias);
}

function addInto(sum: Params, p: Params): void {
  eachArray(sum, p, (s, x) => {
    for (let i = 0; i < s.length; i++) s[i] = s[i]! + x[i]!;
  });
}

function scaleInto(target: Params, source: Params, factor: number): void {
  eachArray(target, source, (t, s) => {
    for (let i = 0; i < t.length; i++) t[i] = s[i]! * factor;
  });
}
