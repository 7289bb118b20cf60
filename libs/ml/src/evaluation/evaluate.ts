import { classMetrics, type ClassMetrics } from './class-metrics';
import { EvaluationInputError } from './evaluation-input-error';
import {
  DEFAULT_CALIBRATION_BINS,
  expectedCalibrationError,
  type ReliabilityBin,
} from './expected-calibration-error';
import { checkScoreMatrix, topClass } from './probability-matrix';
import { selectiveAccuracy, type SelectiveAccuracy } from './selective-accuracy';

export interface EvaluationReport {
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

/**
 * Scores a classifier's probabilities against gold class indices. The predicted class is the
 * arg-max (ties to the lowest index), so the figures equal scikit-learn's `accuracy_score`,
 * `f1_score(average='macro' | 'weighted')`, `precision_recall_fscore_support` and
 * `confusion_matrix` with their defaults (`labels=None`, `zero_division=0`-style zeros), which is
 * what the README's reference figures were computed with.
 *
 * @param labels class names; index c of a row of `probabilities` is `labels[c]`.
 * @param gold gold class index per example.
 * @param probabilities n × C row-major, e.g. the model's `probabilities` output.
 */
export function evaluate(
  labels: readonly string[],
  gold: readonly number[],
  probabilities: Float32Array | Float64Array,
  options: EvaluateOptions = {},
): EvaluationReport {
  const C = labels.length;
  const n = checkScoreMatrix(C, gold, probabilities);
  const { predicted, confidence } = topClass(probabilities, n, C);

  const { confusion, correct, right, logLoss, confidenceSum } = tally(gold, predicted, confidence, probabilities, n, C);
  const { perClass, macroClasses, f1Sum, precisionSum, recallSum, weightedF1 } = classMetrics(labels, confusion, n);

  const correctFlags = Array.from(correct, (v) => v === 1);
  const calibration = expectedCalibrationError(confidence, correctFlags, options.calibrationBins ?? DEFAULT_CALIBRATION_BINS);
  let selective: SelectiveAccuracy | null = null;
  if (options.threshold !== undefined) {
    if (!(options.threshold >= 0 && options.threshold <= 1)) {
      throw new EvaluationInputError(`threshold must be in [0, 1], got ${options.threshold}.`);
    }
    selective = selectiveAccuracy(confidence, correctFlags, options.threshold);
  }

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
    expectedCalibrationError: calibration.expected,
    maxCalibrationError: calibration.maximum,
    reliability: calibration.bins,
    meanConfidence: confidenceSum / n,
    logLoss: logLoss / n,
    selective,
  };
}

/** One pass over the examples: confusion counts, which predictions were right, and the sums the means need. */
function tally(
  gold: readonly number[],
  predicted: ArrayLike<number>,
  confidence: ArrayLike<number>,
  probabilities: Float32Array | Float64Array,
  n: number,
  C: number,
) {
  const confusion: number[][] = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  const correct = new Uint8Array(n);
  let right = 0;
  let logLoss = 0;
  let confidenceSum = 0;
  for (let i = 0; i < n; i++) {
    const g = gold[i] as number;
    const p = predicted[i] as number;
    const row = confusion[g] as number[];
    row[p] = (row[p] as number) + 1;
    if (g === p) {
      correct[i] = 1;
      right++;
    }
    logLoss -= Math.log(Math.min(1, Math.max(LOG_LOSS_EPSILON, probabilities[i * C + g] as number)));
    confidenceSum += confidence[i] as number;
  }
  return { confusion, correct, right, logLoss, confidenceSum };
}
