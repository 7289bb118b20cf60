/**
 * How the bot fares when it answers only above a confidence threshold and asks otherwise
 * (DOMAIN.md: below the threshold it offers the two best intents as "did you mean A or B?").
 */
export interface SelectiveAccuracy {
  readonly threshold: number;
  /** Predictions with confidence ≥ threshold (answered without asking). */
  readonly answered: number;
  readonly answeredCorrect: number;
  /** answered / examples. */
  readonly coverage: number;
  /** answeredCorrect / answered; null when nothing is answered (no evidence either way). */
  readonly selectiveAccuracy: number | null;
}

/** Answers are kept when confidence ≥ threshold, the same comparison serving makes. */
export function selectiveAccuracy(
  confidence: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  threshold: number,
): SelectiveAccuracy {
  const n = confidence.length;
  let answered = 0;
  let answeredCorrect = 0;
  for (let i = 0; i < n; i++) {
    if ((confidence[i] as number) >= threshold) {
      answered++;
      if (correct[i]) answeredCorrect++;
    }
  }
  return {
    threshold,
    answered,
    answeredCorrect,
    coverage: n === 0 ? 0 : answered / n,
    selectiveAccuracy: answered === 0 ? null : answeredCorrect / answered,
  };
}
