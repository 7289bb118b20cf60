import { EvaluationInputError } from '../evaluation/evaluation-input-error';
import { checkScoreMatrix } from '../evaluation/probability-matrix';

/** What a score matrix holds. Ciclo models output probabilities, so that is the default. */
export type ScoreKind = 'probabilities' | 'logits';

export interface FitTemperatureOptions {
  /** Default `probabilities`. */
  readonly input?: ScoreKind;
  /** Search interval for T; default [0.05, 20]. */
  readonly minTemperature?: number;
  readonly maxTemperature?: number;
  /** Width of the final bracket in ln T; default 1e-5 (T known to ±0.001 %). */
  readonly tolerance?: number;
}

export interface TemperatureFit {
  /** Divide logits (or log-probabilities) by this before the softmax. 1 = unchanged. */
  readonly temperature: number;
  /** Mean negative log-likelihood of the gold class at T = 1. */
  readonly nllBefore: number;
  /** Mean negative log-likelihood at the fitted T; never above nllBefore. */
  readonly nllAfter: number;
  /** Objective evaluations made; fixed by the interval and tolerance, so runs are reproducible. */
  readonly evaluations: number;
  /** The optimum sits on an end of the search interval: the data asks for a more extreme T. */
  readonly atBound: boolean;
}

/** Probabilities below this are treated as this, so a float32 softmax that underflowed to 0 stays finite. */
const PROBABILITY_FLOOR = 1e-12;
const INVERSE_GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Temperature scaling (Guo et al. 2017): one scalar T fitted on validation data by minimising the
 * NLL of softmax(z / T). It changes confidence only, never the arg-max, so accuracy and F1 are
 * untouched while ECE usually falls a lot.
 *
 * Models hand us probabilities p = softmax(z), not logits. That is enough, because
 *   log p_i = z_i − LSE(z)        (LSE = log Σ_j exp z_j, the same for every class of a row)
 * and a softmax ignores a constant added to every entry of its row:
 *   softmax(log p / T)_i = exp(z_i/T − LSE/T) / Σ_j exp(z_j/T − LSE/T)
 *                        = exp(z_i/T) / Σ_j exp(z_j/T) = softmax(z / T)_i.
 * So log-probabilities stand in for logits exactly (up to the floor on tiny probabilities).
 *
 * The search is golden-section on u = ln T over [ln 0.05, ln 20]. With β = 1/T the NLL,
 * mean(LSE(β·s) − β·s_gold), is convex in β (a log-sum-exp of affine functions minus a linear
 * one); u ↦ β = e^(−u) is monotone, so the NLL is unimodal in u and golden-section finds its
 * global minimum without derivatives. The number of steps depends only on interval and
 * tolerance, so the fit is deterministic. As a last guard the result falls back to T = 1 if it
 * would not beat it, so calibration can never make validation NLL worse.
 *
 * @param gold gold class index per example.
 * @param scores n × C row-major probabilities (default) or logits.
 */
export function fitTemperature(
  gold: readonly number[],
  scores: Float32Array | Float64Array,
  options: FitTemperatureOptions = {},
): TemperatureFit {
  const classes = inferClasses(gold, scores);
  checkScoreMatrix(classes, gold, scores);
  const minT = options.minTemperature ?? 0.05;
  const maxT = options.maxTemperature ?? 20;
  if (!(minT > 0 && maxT > minT && minT <= 1 && maxT >= 1)) {
    throw new EvaluationInputError(`Temperature interval must satisfy 0 < min ≤ 1 ≤ max, got [${minT}, ${maxT}].`);
  }
  const tolerance = options.tolerance ?? 1e-5;
  const logScores = toLogScores(scores, options.input ?? 'probabilities');
  const nll = (t: number) => meanNll(gold, logScores, classes, t);

  let lo = Math.log(minT);
  let hi = Math.log(maxT);
  let x1 = hi - INVERSE_GOLDEN * (hi - lo);
  let x2 = lo + INVERSE_GOLDEN * (hi - lo);
  let f1 = nll(Math.exp(x1));
  let f2 = nll(Math.exp(x2));
  let evaluations = 2;
  while (hi - lo > tolerance) {
    // Ties keep the left bracket, i.e. prefer the smaller T — an arbitrary but fixed rule.
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - INVERSE_GOLDEN * (hi - lo);
      f1 = nll(Math.exp(x1));
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + INVERSE_GOLDEN * (hi - lo);
      f2 = nll(Math.exp(x2));
    }
    evaluations++;
  }
  const u = (lo + hi) / 2;
  let temperature = Math.exp(u);
  let nllAfter = nll(temperature);
  const nllBefore = nll(1);
  evaluations += 2;
  if (!(nllAfter < nllBefore)) {
    temperature = 1;
    nllAfter = nllBefore;
  }
  const atBound = u - Math.log(minT) < 2 * tolerance || Math.log(maxT) - u < 2 * tolerance;
  return { temperature, nllBefore, nllAfter, evaluations, atBound };
}

/**
 * softmax(s / T) row by row: the calibrated probabilities a model with temperature T would output.
 * Accepts probabilities (via their logs, see {@link fitTemperature}) or logits.
 */
export function applyTemperature(
  scores: Float32Array | Float64Array,
  classes: number,
  temperature: number,
  input: ScoreKind = 'probabilities',
): Float32Array {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new EvaluationInputError(`temperature must be a positive number, got ${temperature}.`);
  }
  if (!Number.isInteger(classes) || classes < 1 || scores.length % classes !== 0) {
    throw new EvaluationInputError(`${scores.length} scores do not split into rows of ${classes} classes.`);
  }
  const logScores = toLogScores(scores, input);
  const out = new Float32Array(scores.length);
  const rows = scores.length / classes;
  for (let i = 0; i < rows; i++) {
    const base = i * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logScores[base + c] as number);
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const e = Math.exp(((logScores[base + c] as number) - max) / temperature);
      out[base + c] = e;
      sum += e;
    }
    for (let c = 0; c < classes; c++) out[base + c] = (out[base + c] as number) / sum;
  }
  return out;
}

/** Number of classes implied by n examples and a row-major n × C matrix. */
export function inferClasses(gold: readonly number[], scores: ArrayLike<number>): number {
  if (gold.length === 0) throw new EvaluationInputError('Need at least one example; got none.');
  const classes = scores.length / gold.length;
  if (!Number.isInteger(classes) || classes < 1) {
    throw new EvaluationInputError(`${scores.length} scores do not form ${gold.length} rows of equal length.`);
  }
  return classes;
}

function toLogScores(scores: Float32Array | Float64Array, input: ScoreKind): Float64Array {
  const out = new Float64Array(scores.length);
  if (input === 'logits') {
    out.set(scores);
    return out;
  }
  for (let k = 0; k < scores.length; k++) out[k] = Math.log(Math.max(PROBABILITY_FLOOR, scores[k] as number));
  return out;
}

function meanNll(gold: readonly number[], logScores: Float64Array, classes: number, temperature: number): number {
  const n = gold.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const base = i * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logScores[base + c] as number);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(((logScores[base + c] as number) - max) / temperature);
    // −log softmax(s/T)_g = LSE(s/T) − s_g/T, with the row max factored out for stability.
    total += max / temperature + Math.log(sum) - (logScores[base + (gold[i] as number)] as number) / temperature;
  }
  return total / n;
}
