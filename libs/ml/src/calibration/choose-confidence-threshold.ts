import { EvaluationInputError } from '../evaluation/evaluation-input-error';
import { checkScoreMatrix, topClass } from '../evaluation/probability-matrix';
import type { SelectiveAccuracy } from '../evaluation/selective-accuracy';
import { inferClasses } from './fit-temperature';

export interface ChooseThresholdOptions {
  /** Fraction of answered questions that must be right; default 0.9. */
  readonly targetAccuracy?: number;
  /** The threshold never goes below this (the bot always asks under it); default 0.2. */
  readonly minThreshold?: number;
  /** The threshold never goes above this (the bot never asks more than this makes it); default 0.9. */
  readonly maxThreshold?: number;
  /** Spacing of the returned curve's thresholds; default 0.01 (101 points). */
  readonly curveStep?: number;
}

export interface ThresholdChoice {
  /** Answer when top-class probability ≥ threshold; otherwise ask "did you mean A or B?". */
  readonly threshold: number;
  readonly coverage: number;
  readonly selectiveAccuracy: number | null;
  readonly answered: number;
  readonly examples: number;
  readonly targetAccuracy: number;
  /** False when no threshold in [min, max] reaches the target; the threshold is then max. */
  readonly targetMet: boolean;
  /** Coverage and selective accuracy on a regular grid of thresholds in [0, 1], for plots. */
  readonly curve: readonly SelectiveAccuracy[];
}

/**
 * Picks the confidence threshold stored with a model (DOMAIN.md: below it the bot asks "did you
 * mean A or B?" with the two best intents instead of guessing).
 *
 * Rule, on validation probabilities that are already temperature-scaled:
 *   1. The bot answers an example iff its top-class probability ≥ t. Only thresholds equal to the
 *      floor `minThreshold` or to an observed confidence in (minThreshold, maxThreshold] need
 *      checking: any other t answers the same set as the next observed confidence above it.
 *   2. Among those candidates keep the ones whose selective accuracy (right / answered) is at
 *      least `targetAccuracy`, and choose the smallest: coverage only falls as t rises, so the
 *      smallest feasible t answers the most questions. Selective accuracy is not monotone in t,
 *      which is why every candidate is checked rather than bisecting.
 *   3. If none qualifies, use `maxThreshold`: the most cautious setting allowed, flagged with
 *      `targetMet: false` so a training run can report that the model is too weak for the target.
 * The floor exists because answering at 20 % confidence is a guess whatever validation says,
 * and the cap because a bot that asks about everything is useless; both are configurable.
 * Candidates are visited in ascending order of exact values, so the result is deterministic.
 *
 * @param gold gold class index per example.
 * @param probabilities n × C row-major, after temperature scaling.
 */
export function chooseConfidenceThreshold(
  gold: readonly number[],
  probabilities: Float32Array | Float64Array,
  options: ChooseThresholdOptions = {},
): ThresholdChoice {
  const targetAccuracy = options.targetAccuracy ?? 0.9;
  const minThreshold = options.minThreshold ?? 0.2;
  const maxThreshold = options.maxThreshold ?? 0.9;
  const curveStep = options.curveStep ?? 0.01;
  if (!(targetAccuracy > 0 && targetAccuracy <= 1)) {
    throw new EvaluationInputError(`targetAccuracy must be in (0, 1], got ${targetAccuracy}.`);
  }
  if (!(minThreshold >= 0 && maxThreshold <= 1 && minThreshold <= maxThreshold)) {
    throw new EvaluationInputError(`Need 0 ≤ minThreshold ≤ maxThreshold ≤ 1, got [${minThreshold}, ${maxThreshold}].`);
  }
  if (!(curveStep > 0 && curveStep <= 1)) throw new EvaluationInputError(`curveStep must be in (0, 1], got ${curveStep}.`);

  const classes = inferClasses(gold, probabilities);
  const n = checkScoreMatrix(classes, gold, probabilities);
  const { predicted, confidence } = topClass(probabilities, n, classes);

  // Sorted by confidence, highest first; rightAbove[k] = correct answers among the top k.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => (confidence[y] as number) - (confidence[x] as number) || x - y,
  );
  const sorted = new Float64Array(n);
  const rightAbove = new Int32Array(n + 1);
  order.forEach((i, k) => {
    sorted[k] = confidence[i] as number;
    rightAbove[k + 1] = (rightAbove[k] as number) + (predicted[i] === gold[i] ? 1 : 0);
  });
  const at = (t: number): SelectiveAccuracy => {
    const answered = countAtLeast(sorted, t);
    const answeredCorrect = rightAbove[answered] as number;
    return {
      threshold: t,
      answered,
      answeredCorrect,
      coverage: answered / n,
      selectiveAccuracy: answered === 0 ? null : answeredCorrect / answered,
    };
  };

  const candidates = [minThreshold];
  for (let k = n - 1; k >= 0; k--) {
    const c = sorted[k] as number;
    if (c > minThreshold && c <= maxThreshold && c !== candidates[candidates.length - 1]) candidates.push(c);
  }
  let chosen: SelectiveAccuracy | null = null;
  for (const t of candidates) {
    const point = at(t);
    if (point.selectiveAccuracy !== null && point.selectiveAccuracy >= targetAccuracy) {
      chosen = point;
      break;
    }
  }
  const targetMet = chosen !== null;
  chosen ??= at(maxThreshold);

  const curve: SelectiveAccuracy[] = [];
  const steps = Math.round(1 / curveStep);
  // Rounded so the grid reads 0.07, not 0.07000000000000001.
  for (let s = 0; s <= steps; s++) curve.push(at(Math.min(1, Math.round(s * curveStep * 1e9) / 1e9)));

  return {
    threshold: chosen.threshold,
    coverage: chosen.coverage,
    selectiveAccuracy: chosen.selectiveAccuracy,
    answered: chosen.answered,
    examples: n,
    targetAccuracy,
    targetMet,
    curve,
  };
}

/** How many of the descending `sorted` values are ≥ t (binary search). */
function countAtLeast(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
