import { evaluate, type EvaluationReport } from './evaluate';
import { EvaluationInputError } from './evaluation-input-error';
import { mcnemarTest, type McNemarResult } from './mcnemar-test';
import { topClass } from './probability-matrix';

/** Change of one class's F1 from model A to model B. */
export interface ClassF1Delta {
  readonly label: string;
  readonly index: number;
  /** Gold examples of the class; small supports make F1 swing, so gates may want a minimum. */
  readonly support: number;
  readonly f1A: number;
  readonly f1B: number;
  /** f1B − f1A; negative means B is worse on this class. */
  readonly delta: number;
}

export interface ComparisonReport {
  readonly names: { readonly a: string; readonly b: string };
  readonly a: EvaluationReport;
  readonly b: EvaluationReport;
  /** B − A. A negative ECE delta means B is better calibrated. */
  readonly delta: {
    readonly accuracy: number;
    readonly macroF1: number;
    readonly weightedF1: number;
    readonly expectedCalibrationError: number;
  };
  /** Every class with gold support, worst change first (ties by label order). */
  readonly perClassF1Deltas: readonly ClassF1Delta[];
  /** The single most negative per-class change; null when no class got worse. */
  readonly largestF1Drop: ClassF1Delta | null;
  /**
   * The figures a promotion gate reads, with B as the candidate and A as production:
   * "macro-F1 of B ≥ minimum" and "no class drops by more than a margin".
   */
  readonly gate: {
    readonly candidateMacroF1: number;
    readonly macroF1Delta: number;
    /** max(0, −min per-class delta): how far the worst class fell, 0 if none fell. */
    readonly maxPerClassF1Drop: number;
    readonly maxPerClassF1DropLabel: string | null;
  };
  /** Paired correctness on the same examples. */
  readonly paired: {
    /** A wrong, B right. */
    readonly fixed: number;
    /** A right, B wrong. */
    readonly broken: number;
    readonly bothCorrect: number;
    readonly bothWrong: number;
  };
  readonly mcnemar: McNemarResult;
}

export interface CompareModelsOptions {
  /** Display names; default `A` and `B` (e.g. `production`, `candidate`). */
  readonly names?: { readonly a: string; readonly b: string };
  /** Passed to both evaluations (each model's own stored threshold is not known here). */
  readonly threshold?: number;
  readonly calibrationBins?: number;
}

/**
 * Evaluates two models on the same examples and says how B differs from A. Intended use:
 * A = the `production` version, B = the candidate, both scored on the frozen holdout.
 */
export function compareModels(
  labels: readonly string[],
  gold: readonly number[],
  probabilitiesA: Float32Array | Float64Array,
  probabilitiesB: Float32Array | Float64Array,
  options: CompareModelsOptions = {},
): ComparisonReport {
  if (probabilitiesA.length !== probabilitiesB.length) {
    throw new EvaluationInputError(
      `Both models must score the same examples and labels: A has ${probabilitiesA.length} scores, B has ${probabilitiesB.length}.`,
    );
  }
  const evaluateOptions = {
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    ...(options.calibrationBins === undefined ? {} : { calibrationBins: options.calibrationBins }),
  };
  const a = evaluate(labels, gold, probabilitiesA, evaluateOptions);
  const b = evaluate(labels, gold, probabilitiesB, evaluateOptions);

  const perClassF1Deltas: ClassF1Delta[] = [];
  for (const ca of a.perClass) {
    const cb = b.perClass[ca.index];
    // A class absent from gold has F1 0 under both models, so its "delta" carries no signal.
    if (cb === undefined || ca.support === 0) continue;
    perClassF1Deltas.push({ label: ca.label, index: ca.index, support: ca.support, f1A: ca.f1, f1B: cb.f1, delta: cb.f1 - ca.f1 });
  }
  perClassF1Deltas.sort((x, y) => x.delta - y.delta || x.index - y.index);
  const worst = perClassF1Deltas[0];
  const largestF1Drop = worst !== undefined && worst.delta < 0 ? worst : null;

  const n = gold.length;
  const C = labels.length;
  const predA = topClass(probabilitiesA, n, C).predicted;
  const predB = topClass(probabilitiesB, n, C).predicted;
  let fixed = 0;
  let broken = 0;
  let bothCorrect = 0;
  let bothWrong = 0;
  for (let i = 0; i < n; i++) {
    const g = gold[i];
    const okA = predA[i] === g;
    const okB = predB[i] === g;
    if (okA && okB) bothCorrect++;
    else if (okA) broken++;
    else if (okB) fixed++;
    else bothWrong++;
  }

  return {
    names: options.names ?? { a: 'A', b: 'B' },
    a,
    b,
    delta: {
      accuracy: b.accuracy - a.accuracy,
      macroF1: b.macroF1 - a.macroF1,
      weightedF1: b.weightedF1 - a.weightedF1,
      expectedCalibrationError: b.expectedCalibrationError - a.expectedCalibrationError,
    },
    perClassF1Deltas,
    largestF1Drop,
    gate: {
      candidateMacroF1: b.macroF1,
      macroF1Delta: b.macroF1 - a.macroF1,
      maxPerClassF1Drop: largestF1Drop === null ? 0 : -largestF1Drop.delta,
      maxPerClassF1DropLabel: largestF1Drop === null ? null : largestF1Drop.label,
    },
    paired: { fixed, broken, bothCorrect, bothWrong },
    mcnemar: mcnemarTest(fixed, broken),
  };
}
