/** One equal-width confidence bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Exclusive lower edge (the first bin also holds confidence exactly 0). */
  readonly lower: number;
  /** Inclusive upper edge. */
  readonly upper: number;
  readonly count: number;
  /** Fraction of the bin's predictions that were right; 0 when the bin is empty. */
  readonly accuracy: number;
  /** Mean top-class confidence in the bin; 0 when the bin is empty. */
  readonly meanConfidence: number;
}

export interface CalibrationError {
  /** Σ_b (count_b / n) · |accuracy_b − meanConfidence_b| over equal-width bins. */
  readonly expected: number;
  /** max_b |accuracy_b − meanConfidence_b| over non-empty bins. */
  readonly maximum: number;
  readonly bins: readonly ReliabilityBin[];
}

/** 15 bins is the count used by Guo et al. (2017), so published ECE figures compare with ours. */
export const DEFAULT_CALIBRATION_BINS = 15;

/**
 * Expected calibration error of the top-class confidence (Guo et al. 2017). Bin b covers
 * (b/B, (b+1)/B] — the same half-open convention as their reference code — with confidence 0
 * placed in the first bin so no prediction is dropped.
 */
export function expectedCalibrationError(
  confidence: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  bins: number = DEFAULT_CALIBRATION_BINS,
): CalibrationError {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const n = confidence.length;
  const count = new Float64Array(bins);
  const right = new Float64Array(bins);
  const confSum = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const p = confidence[i] as number;
    // ceil(p·B) − 1 maps (b/B, (b+1)/B] to b; clamping keeps 0 and float noise above 1 in range.
    const b = Math.min(bins - 1, Math.max(0, Math.ceil(p * bins) - 1));
    count[b] = (count[b] as number) + 1;
    confSum[b] = (confSum[b] as number) + p;
    if (correct[i]) right[b] = (right[b] as number) + 1;
  }
  const out: ReliabilityBin[] = [];
  let expected = 0;
  let maximum = 0;
  for (let b = 0; b < bins; b++) {
    const k = count[b] as number;
    const accuracy = k === 0 ? 0 : (right[b] as number) / k;
    const meanConfidence = k === 0 ? 0 : (confSum[b] as number) / k;
    if (k > 0) {
      const gap = Math.abs(accuracy - meanConfidence);
      expected += (k / n) * gap;
      maximum = Math.max(maximum, gap);
    }
    out.push({ lower: b / bins, upper: (b + 1) / bins, count: k, accuracy, meanConfidence });
  }
  return { expected: n === 0 ? 0 : expected, maximum, bins: out };
}
