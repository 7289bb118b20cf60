import type { FeaturizerConfig } from '../model/model-contract';

/** One labelled text. */
export interface TrainingExample {
  readonly text: string;
  readonly label: string;
}

export type TrainingMode = 'low-rank' | 'full-rank' | 'auto';

/** Options of {@link trainClassifier}; every field has a default. */
export interface TrainOptions {
  /** Embedding size in low-rank mode (full-rank uses the number of classes). Default 64. */
  readonly dim?: number;
  /**
   * Passes over the training data (the learning rate reaches 0 at the last). Default 20; 10 for
   * full-rank with more than 2,500 training rows per class.
   */
  readonly epochs?: number;
  /**
   * Initial learning rate, decayed linearly to 0 over all epochs. Default 0.5 (low-rank), 0.65
   * (full-rank, where it is per feature: multiplied internally by the mean feature count per text;
   * 0.4 with fewer than 10 classes), scaled down to 0.65 × 2,500 / (training rows per class) above
   * 2,500 rows per class.
   */
  readonly lr?: number;
  /**
   * `low-rank`: mean embedding → linear → softmax (fastText). `full-rank`: features map straight
   * to class logits — better with many labels and little data, memory grows with buckets × classes.
   * `auto` (default): full-rank unless buckets × classes exceeds {@link AUTO_FULL_RANK_MAX_PARAMETERS}
   * (as accurate or better than low-rank on all six public sets of issue #11 — validation splits
   * of each train file — and 3–5× faster; on the bootstrap sentiment data the two are within
   * noise, 0.880 against 0.882 held-out macro-F1; smaller whenever classes < dim).
   */
  readonly mode?: TrainingMode;
  /**
   * Featuriser settings (see defaultFeaturizerConfig); stored with the model. Left open,
   * `charNgramWeight` is 1 below 50 rows per class (char n-grams weigh like words), else 0.5.
   */
  readonly featurizer?: Partial<Omit<FeaturizerConfig, 'version'>>;
  /** Seed of every random choice (split, init, shuffles). Same data + seed ⇒ identical weights. Default 1. */
  readonly seed?: number;
  /** Fraction of each class held out for validation (early stopping, selection, calibration). Default 0.1; 0 = none. */
  readonly validationFraction?: number;
  /**
   * Stop after this many epochs without a better validation loss, restoring the best weights.
   * null = off. Default null: with the validation rows depending on the seed, early stopping made
   * retrains of the same data differ by up to 1.6 points of macro-F1.
   */
  readonly earlyStoppingPatience?: number | null;
  /**
   * Loss weight per class. `balanced`: n / (classes × n_c) — rare classes count as much as
   * common ones (macro-F1, what the promotion gate watches); `sqrt`: the square root of that;
   * `none`: every example 1. Default `balanced`.
   */
  readonly classWeights?: 'balanced' | 'sqrt' | 'none';
  /**
   * Average the weights at the end of the last N epochs (N ≥ 2 turns it on). With a validation
   * split the average is kept only if its validation loss beats the last weights. Default 0 (off).
   */
  readonly averageLastEpochs?: number;
  /**
   * Per-feature learning-rate boost idf^p (normalised to mean 1): rare features learn faster,
   * the SGD counterpart of TF-IDF weighting. Training-only; the model is unchanged. 0 = off. Default 2.
   */
  readonly idfPower?: number;
  /** Label order of the model; must contain every example's label. Default: sorted unique labels. */
  readonly labels?: readonly string[];
  /** Aborts between batches of examples (in a worker: terminates it at once). */
  readonly signal?: AbortSignal;
}

/** `auto` mode picks full-rank while its table (buckets × classes floats) stays below this. */
export const AUTO_FULL_RANK_MAX_PARAMETERS = 32 * 1024 * 1024;

/** Reported after every epoch. */
export interface TrainProgress {
  readonly epoch: number;
  readonly epochs: number;
  /** Mean (class-weighted) training cross-entropy over the epoch. */
  readonly loss: number;
  readonly valLoss: number | null;
  readonly valAccuracy: number | null;
  readonly examplesPerSecond: number;
  readonly elapsedMs: number;
}

export type ProgressCallback = (progress: TrainProgress) => void;
