import { classMetrics, type ClassMetrics } from './class-metrics';
import { EvaluationInputError } from './evaluation-input-error';
import {
  DEFAULT_CALIBRATION_BINS,
  expectedCalibrationError,
  type ReliabilityBin,
} from './expected-calibration-error';
import { checkGold, checkScoreMatrix, topClass } from './probability-matrix';
import { selectiveAccuracy, type SelectiveAccuracy } from './selective-accuracy';

/** What predicted labels alone can be scored on: counts, not confidence. */
export interface LabelEvaluationReport {
  readonly labels: readonly string[];
  readonly examples: number;
  readonly accuracy: number;
  /** Unweighted mean of per-class F1 over classes with `inMacroAverage` (sklearn average='macro'). */
  readonly macroF1: number;
  readonly macroPrecision: number;
  readonly macroRecall: number;
  /** Per-class F1 weighted by gold support (sklearn average='weighted'). */
  readonly weightedF1: number;
  /** How many classes the macro averages are taken over. */
  readonly macroClasses: number;
  /** One entry per label, in label order. */
  readonly perClass: readonly ClassMetrics[];
  /** C × C counts; row = gold class, column = predicted class (sklearn's confusion_matrix). */
  readonly confusionMatrix: readonly (readonly number[])[];
}

/** Everything in {@link LabelEvaluationReport} plus what the probabilities tell: calibration and loss. */
export interface EvaluationReport extends LabelEvaluationReport {
  /** ECE over {@link reliability}'s equal-width bins of top-class confidence. */
  readonly expectedCalibrationError: number;
  /** Largest |accuracy − confidence| gap of any non-empty bin. */
  readonly maxCalibrationError: number;
  readonly reliability: readonly ReliabilityBin[];
  /** Mean top-class probability; compare with accuracy for a one-number over/under-confidence read. */
  readonly meanConfidence: number;
  /** Mean −ln p(gold), with p clipped at 1e-15 as sklearn's log_loss does. */
  readonly logLoss: number;
  /** Coverage and accuracy when answering only at confidence ≥ the given threshold; null if none given. */
  readonly selective: SelectiveAccuracy | null;
}

export interface EvaluateOptions {
  /** The model's stored confidence threshold; adds {@link EvaluationReport.selective}. */
  readonly threshold?: number;
  /** Reliability bins for ECE; 15 unless told otherwise. */
  readonly calibrationBins?: number;
}

const LOG_LOSS_EPSILON = 1e-15;

/** Gold classes: indices into `labels`, or the label names themselves. */
export type GoldClasses = readonly number[] | readonly string[];

/**
 * Scores a classifier against gold classes. The figures equal scikit-learn's `accuracy_score`,
 * `f1_score(average='macro' | 'weighted')`, `precision_recall_fscore_support` and
 * `confusion_matrix` with their defaults (`labels=None`, `zero_division=0`-style zeros), which is
 * what the README's reference figures were computed with.
 *
 * Given probabilities, the predicted class is the arg-max (ties to the lowest index) and the
 * report adds calibration, log loss and, with a threshold, selective accuracy. Given predicted
 * labels (another model's output, a rule, a human), it holds what labels alone can tell.
 *
 * @param labels class names; index c of a row of `probabilities` is `labels[c]`.
 * @param gold gold class index or label name per example.
 * @param probabilities n × C row-major, e.g. the model's `probabilities` output.
 * @throws EvaluationInputError when shapes disagree or a class is not one of `labels`.
 */
export function evaluate(labels: readonly string[], gold: GoldClasses, probabilities: Float32Array | Float64Array, options?: EvaluateOptions): EvaluationReport;
/** @param predicted the predicted label per example, each one of `labels`. */
export function evaluate(labels: readonly string[], gold: GoldClasses, predicted: readonly string[]): LabelEvaluationReport;
export function evaluate(
  labels: readonly string[],
  gold: GoldClasses,
  predictions: Float32Array | Float64Array | readonly string[],
  options: EvaluateOptions = {},
): EvaluationReport | LabelEvaluationReport {
  const goldIndices = classIndices(labels, gold, 'gold');
  if (!Array.isArray(predictions)) return evaluateProbabilities(labels, goldIndices, predictions as Float32Array | Float64Array, options);
  const n = checkGold(labels.length, goldIndices);
  if (predictions.length !== n) {
    throw new EvaluationInputError(`Expected ${n} predicted labels, one per gold class, got ${predictions.length}.`, {
      examples: n,
      predicted: predictions.length,
    });
  }
  const predicted = predictions as readonly unknown[];
  const notLabel = predicted.findIndex((p) => typeof p !== 'string');
  if (notLabel >= 0) {
    throw new EvaluationInputError(
      `predicted[${notLabel}] is not a label; pass predicted label names, or probabilities as a Float32Array/Float64Array.`,
      { example: notLabel },
    );
  }
  return labelReport(labels, goldIndices, classIndices(labels, predicted as readonly string[], 'predicted'));
}

function evaluateProbabilities(labels: readonly string[], gold: readonly number[], probabilities: Float32Array | Float64Array, options: EvaluateOptions): EvaluationReport {
  const C = labels.length;
  const n = checkScoreMatrix(C, gold, probabilities);
  const { predicted, confidence } = topClass(probabilities, n, C);
  const counts = labelReport(labels, gold, predicted);

  const correct = gold.map((g, i) => g === predicted[i]);
  let logLoss = 0;
  let confidenceSum = 0;
  for (let i = 0; i < n; i++) {
    logLoss -= Math.log(Math.min(1, Math.max(LOG_LOSS_EPSILON, probabilities[i * C + (gold[i] as number)] as number)));
    confidenceSum += confidence[i] as number;
  }
  const calibration = expectedCalibrationError(confidence, correct, options.calibrationBins ?? DEFAULT_CALIBRATION_BINS);
  let selective: SelectiveAccuracy | null = null;
  if (options.threshold !== undefined) {
    if (!(options.threshold >= 0 && options.threshold <= 1)) {
      throw new EvaluationInputError(`threshold must be in [0, 1], got ${options.threshold}.`);
    }
    selective = selectiveAccuracy(confidence, correct, options.threshold);
  }
  return {
    ...counts,
    expectedCalibrationError: calibration.expected,
    maxCalibrationError: calibration.maximum,
    reliability: calibration.bins,
    meanConfidence: confidenceSum / n,
    logLoss: logLoss / n,
    selective,
  };
}

/** Confusion matrix and the count-based metrics; `gold` and `predicted` are checked class indices. */
function labelReport(labels: readonly string[], gold: readonly number[], predicted: ArrayLike<number>): LabelEvaluationReport {
  const C = labels.length;
  const n = gold.length;
  const confusion: number[][] = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  let right = 0;
  for (let i = 0; i < n; i++) {
    const g = gold[i] as number;
    const p = predicted[i] as number;
    const row = confusion[g] as number[];
    row[p] = (row[p] as number) + 1;
    if (g === p) right++;
  }
  const { perClass, macroClasses, f1Sum, precisionSum, recallSum, weightedF1 } = classMetrics(labels, confusion, n);
  return {
    labels: [...labels],
    examples: n,
    accuracy: right / n,
    macroF1: f1Sum / macroClasses,
    macroPrecision: precisionSum / macroClasses,
    macroRecall: recallSum / macroClasses,
    weightedF1,
    macroClasses,
    perClass,
    confusionMatrix: confusion,
  };
}

/** Label names → their index in `labels`; indices pass through (checked later with the shapes). */
function classIndices(labels: readonly string[], classes: GoldClasses, what: 'gold' | 'predicted'): number[] {
  if (!Array.isArray(classes)) throw new EvaluationInputError(`${what} must be an array.`);
  let index: Map<string, number> | null = null;
  return (classes as readonly (number | string)[]).map((c, i) => {
    if (typeof c !== 'string') return c;
    index ??= new Map(labels.map((l, k) => [l, k]));
    const k = index.get(c);
    if (k === undefined) {
      const known = labels.length > 8 ? `${labels.slice(0, 8).join(', ')}, …` : labels.join(', ');
      throw new EvaluationInputError(`${what}[${i}] = "${c}" is not one of the labels (${known}).`, { example: i });
    }
    return k;
  });
}
