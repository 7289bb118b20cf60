import { EvaluationInputError } from './evaluation-input-error';

/** Top-class prediction of every row of an n × C probability (or score) matrix. */
export interface TopClass {
  /** Index of the highest score per row; ties go to the lowest index, like numpy's argmax. */
  readonly predicted: Int32Array;
  /** The highest score per row (the model's confidence when rows are probabilities). */
  readonly confidence: Float64Array;
}

/**
 * Checks that `scores` is an n × C row-major matrix for `gold.length` examples and that every
 * gold index is a class. Returns n. Shared by evaluation and calibration so both reject the same
 * inputs with the same messages.
 */
export function checkScoreMatrix(classes: number, gold: readonly number[], scores: Float32Array | Float64Array): number {
  const n = gold.length;
  checkShape(classes, n);
  if (scores.length !== n * classes) {
    throw new EvaluationInputError(
      `Expected ${n} × ${classes} = ${n * classes} scores (row-major), got ${scores.length}.`,
      { examples: n, classes, scores: scores.length },
    );
  }
  checkGold(classes, gold);
  for (let k = 0; k < scores.length; k++) {
    if (!Number.isFinite(scores[k])) {
      const row = Math.floor(k / classes);
      throw new EvaluationInputError(`Score of example ${row}, class ${k - row * classes} is not finite.`, {
        example: row,
        class: k - row * classes,
      });
    }
  }
  return n;
}

/** Checks that there are classes and examples and that every gold index is a class. Returns n. */
export function checkGold(classes: number, gold: readonly number[]): number {
  checkShape(classes, gold.length);
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i];
    if (g === undefined || !Number.isInteger(g) || g < 0 || g >= classes) {
      throw new EvaluationInputError(`gold[${i}] = ${String(g)} is not a class index in [0, ${classes - 1}].`, {
        example: i,
      });
    }
  }
  return gold.length;
}

function checkShape(classes: number, n: number): void {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new EvaluationInputError(`Need at least one class, got ${classes}.`);
  }
  if (n === 0) throw new EvaluationInputError('Need at least one example; got none.');
}

/** Arg-max and max of each row; assumes the shape was checked with {@link checkScoreMatrix}. */
export function topClass(scores: Float32Array | Float64Array, n: number, classes: number): TopClass {
  const predicted = new Int32Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * classes;
    let best = 0;
    let bestScore = scores[base] as number;
    for (let c = 1; c < classes; c++) {
      const s = scores[base + c] as number;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    predicted[i] = best;
    confidence[i] = bestScore;
  }
  return { predicted, confidence };
}
