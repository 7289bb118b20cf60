import { InvalidTrainingInputError } from './invalid-training-input-error';
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

const DEFAULTS = { dim: 64, epochs: 20, lowRankLr: 0.5, fullRankLr: 0.65, seed: 1, validationFraction: 0.1, patience: 3, idfPower: 2 } as const;

/** Fills in defaults and `auto`, then refuses every out-of-range setting at once (InvalidTrainingInputError). */
export function resolveSettings(o: TrainOptions, classes: number, buckets: number): ResolvedTrainSettings {
  const auto = buckets * classes <= AUTO_FULL_RANK_MAX_PARAMETERS ? 'full-rank' : 'low-rank';
  const mode = o.mode === undefined || o.mode === 'auto' ? auto : o.mode;
  const settings: ResolvedTrainSettings = {
    mode,
    dim: mode === 'full-rank' ? classes : (o.dim ?? DEFAULTS.dim),
    epochs: o.epochs ?? DEFAULTS.epochs,
    lr: o.lr ?? (mode === 'full-rank' ? DEFAULTS.fullRankLr : DEFAULTS.lowRankLr),
    seed: o.seed ?? DEFAULTS.seed,
    validationFraction: o.validationFraction ?? DEFAULTS.validationFraction,
    earlyStoppingPatience: o.earlyStoppingPatience === undefined ? DEFAULTS.patience : o.earlyStoppingPatience,
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
