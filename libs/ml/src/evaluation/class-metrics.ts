/** Metrics of one class, one-vs-rest. */
export interface ClassMetrics {
  readonly label: string;
  readonly index: number;
  /** tp / (tp + fp); 0 when the class is never predicted (sklearn zero_division=0). */
  readonly precision: number;
  /** tp / (tp + fn); 0 when the class never occurs in gold. */
  readonly recall: number;
  /** 2PR / (P + R); 0 when P + R = 0. */
  readonly f1: number;
  /** Gold examples of this class. */
  readonly support: number;
  /** Times the model predicted this class. */
  readonly predicted: number;
  /**
   * Whether the class counts in the macro averages: it occurs in gold or is predicted at least
   * once (sklearn's `labels=None`, the union of y_true and y_pred). A label of the model that
   * this data never touches says nothing about the model and would drag macro-F1 towards 0.
   */
  readonly inMacroAverage: boolean;
}

/** Per-class metrics from a C × C confusion matrix, and the sums the macro and weighted averages need. */
export function classMetrics(labels: readonly string[], confusion: readonly (readonly number[])[], n: number) {
  const C = labels.length;
  const perClass: ClassMetrics[] = [];
  let macroClasses = 0;
  let f1Sum = 0;
  let precisionSum = 0;
  let recallSum = 0;
  let weightedF1 = 0;
  for (let c = 0; c < C; c++) {
    const row = confusion[c] as readonly number[];
    const tp = row[c] as number;
    let support = 0;
    for (const v of row) support += v;
    let predictedCount = 0;
    for (let g = 0; g < C; g++) predictedCount += (confusion[g] as readonly number[])[c] as number;
    const precision = predictedCount === 0 ? 0 : tp / predictedCount;
    const recall = support === 0 ? 0 : tp / support;
    // 2tp / (2tp + fp + fn) equals 2PR/(P+R) wherever the latter is defined, without 0/0.
    const denominator = support + predictedCount;
    const f1 = tp === 0 ? 0 : (2 * tp) / denominator;
    const inMacroAverage = support > 0 || predictedCount > 0;
    if (inMacroAverage) {
      macroClasses++;
      f1Sum += f1;
      precisionSum += precision;
      recallSum += recall;
    }
    weightedF1 += (support / n) * f1;
    perClass.push({
      label: labels[c] as string,
      index: c,
      precision,
      recall,
      f1,
      support,
      predicted: predictedCount,
      inMacroAverage,
    });
  }
  return { perClass, macroClasses, f1Sum, precisionSum, recallSum, weightedF1 };
}
