import { InvalidTrainingInputError } from './invalid-training-input-error';
import type { FeaturizerConfig } from '../model/model-contract';
import { AUTO_FULL_RANK_MAX_PARAMETERS, type TrainOptions } from './train-options';

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

const DEFAULTS = { dim: 64, epochs: 20, lowRankLr: 0.5, fullRankLr: 0.65, seed: 1, validationFraction: 0.1, idfPower: 2 } as const;

/**
 * Above this many training rows per class, full-rank SGD takes proportionally smaller steps and
 * half the epochs: with tens of thousands of rows per class (b2w_polarity_pt, goemotions) the
 * lr of small sets overshoots by 1–1.5 points of validation macro-F1 and each epoch already sees
 * plenty. Measured on validation splits carved from each public train file (issue #11):
 * 1,000 / 2,500 / 5,000 gave b2w 0.745 / 0.748 / 0.744 and goemotions 0.633 / 0.634 / 0.628.
 */
const ROWS_PER_CLASS_FOR_FULL_STEPS = 2_500;
/** Below this many rows per class, char n-grams weigh like words (typos and rare labels: cosibot_pt 0.820 → 0.832). */
const FEW_ROWS_PER_CLASS = 50;
/**
 * With fewer classes than this, full-rank starts at lr 0.4: every row then pushes the same few
 * logits, and at 0.65 the training loss of the bootstrap sentiment data rose by up to 7 % between
 * late epochs (0.4: never; validation accuracy the same within 0.2 point, sms_spam identical).
 */
const FEW_CLASSES = 10;
const FEW_CLASSES_FULL_RANK_LR = 0.4;

type FeaturizerOverrides = Partial<Omit<FeaturizerConfig, 'version'>>;

/**
 * The featuriser settings `auto` picks from the data, where the caller left them open:
 * `charNgramWeight` 1 with few rows per class, else the featuriser's default.
 */
export function withAutoFeaturizer(overrides: FeaturizerOverrides | undefined, rowsPerClass: number): FeaturizerOverrides | undefined {
  if (overrides?.charNgramWeight !== undefined || rowsPerClass >= FEW_ROWS_PER_CLASS) return overrides;
  return { ...overrides, charNgramWeight: 1 };
}

/**
 * Fills in defaults and `auto`, then refuses every out-of-range setting at once
 * (InvalidTrainingInputError). `auto` picks full-rank whenever its table fits (it is as accurate
 * or better on every public set once its bias step is right, and 3–5× faster), and, for
 * full-rank, lr and epochs from the training rows per class. Early stopping is off by default:
 * it made the result hang on which rows the seed held out (up to 1.6 points of macro-F1 between
 * seeds), while the loss now decreases steadily to the last epoch.
 */
export function resolveSettings(o: TrainOptions, classes: number, buckets: number, rows = 0): ResolvedTrainSettings {
  const auto = buckets * classes <= AUTO_FULL_RANK_MAX_PARAMETERS ? 'full-rank' : 'low-rank';
  const mode = o.mode === undefined || o.mode === 'auto' ? auto : o.mode;
  const validationFraction = o.validationFraction ?? DEFAULTS.validationFraction;
  const rowsPerClass = (rows * (1 - validationFraction)) / Math.max(classes, 1);
  const manyRows = rowsPerClass > ROWS_PER_CLASS_FOR_FULL_STEPS;
  const fullRankLr = Math.min(
    classes < FEW_CLASSES ? FEW_CLASSES_FULL_RANK_LR : DEFAULTS.fullRankLr,
    DEFAULTS.fullRankLr * Math.min(1, ROWS_PER_CLASS_FOR_FULL_STEPS / Math.max(rowsPerClass, 1)),
  );
  const settings: ResolvedTrainSettings = {
    mode,
    dim: mode === 'full-rank' ? classes : (o.dim ?? DEFAULTS.dim),
    epochs: o.epochs ?? (mode === 'full-rank' && manyRows ? DEFAULTS.epochs / 2 : DEFAULTS.epochs),
    lr: o.lr ?? (mode === 'full-rank' ? fullRankLr : DEFAULTS.lowRankLr),
    seed: o.seed ?? DEFAULTS.seed,
    validationFraction,
    earlyStoppingPatience: o.earlyStoppingPatience ?? null,
    classWeights: o.classWeights ?? 'balanced',
    averageLastEpochs: o.averageLastEpochs ?? 0,
    idfPower: o.idfPower ?? DEFAULTS.idfPower,
  };
  const bad = settingProblems(settings);
  if (bad.length > 0) throw new InvalidTrainingInputError(`Invalid training options: ${bad.join('; ')}.`, { problems: bad });
  return settings;
}

function settingProblems(settings: ResolvedTrainSettings): string[] {
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
  return bad;
}
