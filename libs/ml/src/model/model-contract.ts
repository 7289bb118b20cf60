/**
 * The contract every Ciclo text classifier follows, whether trained here or brought by a user.
 * Featurisation runs in TypeScript (one module for training and serving); the ONNX graph takes
 * the featuriser's output and returns class probabilities.
 *
 * ONNX inputs:
 *   - `input_ids`       int32   [batch, features]  hashed feature bucket ids (0 where padded)
 *   - `feature_weights` float32 [batch, features]  weight of each feature; 0 marks padding
 * ONNX outputs:
 *   - `probabilities`   float32 [batch, classes]   softmax(logits / temperature)
 * Metadata (`metadata_props`): see {@link MetadataKeys}.
 */

/** How text becomes features. Stored with the model; serving must use exactly these settings. */
export interface FeaturizerConfig {
  readonly version: 1;
  /** Size of the hashed feature space (rows of the embedding table). */
  readonly buckets: number;
  /** Inclusive range of word n-gram lengths, e.g. [1, 2]. */
  readonly wordNgrams: readonly [number, number];
  /** Inclusive range of character n-gram lengths inside word boundaries, e.g. [2, 5]; null = none. */
  readonly charNgrams: readonly [number, number] | null;
  /** Fold accents (ã → a) and also keep features of the original form. */
  readonly foldAccents: boolean;
  /** Upper bound of features per text (long texts are truncated deterministically). */
  readonly maxFeatures: number;
  /** Seed of the hash function, so two featurisers can be made disjoint. */
  readonly hashSeed: number;
  /** Relative weight of character n-gram features against word features. */
  readonly charNgramWeight: number;
  /**
   * Words after a negator ("não", "nunca", "sem", "not", "never", …) up to this many, or to the
   * next punctuation, also get a negated-word feature (`NOT_word`), so "não recomendo" and
   * "recomendo" stop sharing most of their evidence. 0 or absent = off (older models).
   */
  readonly negationScope?: number;
}

/** One text after featurisation: parallel arrays of bucket ids and weights (no padding). */
export interface Features {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
}

/**
 * The learned parameters. `low-rank`: mean embedding (dim) → linear (classes × dim) + bias.
 * `full-rank`: the embedding rows are class logits directly (dim = classes, no output matrix),
 * which suits many labels with little data.
 */
export interface ClassifierWeights {
  readonly mode: 'low-rank' | 'full-rank';
  readonly labels: readonly string[];
  readonly featurizer: FeaturizerConfig;
  readonly dim: number;
  /** buckets × dim, row-major. */
  readonly embeddings: Float32Array;
  /** classes × dim, row-major; null in full-rank mode. */
  readonly outputWeights: Float32Array | null;
  /** classes. */
  readonly outputBias: Float32Array;
}

/** Everything stored with a trained model besides its weights. */
export interface ModelCard {
  /** Softmax temperature fitted on validation data (1 = uncalibrated). */
  readonly temperature: number;
  /** Below this top-class probability the bot asks instead of guessing. */
  readonly confidenceThreshold: number;
  /** sha256 of the training data (texts + labels, canonical order). */
  readonly trainingDataSha256: string;
  readonly task: string;
  readonly language: string;
  readonly libraryVersion: string;
  readonly createdAt: string;
}

export const ModelInputNames = { ids: 'input_ids', weights: 'feature_weights' } as const;
export const ModelOutputNames = { probabilities: 'probabilities' } as const;

/** `metadata_props` keys; values are strings (JSON where structured). */
export const MetadataKeys = {
  formatVersion: 'ciclo.format_version',
  labels: 'ciclo.labels',
  featurizer: 'ciclo.featurizer',
  temperature: 'ciclo.temperature',
  confidenceThreshold: 'ciclo.confidence_threshold',
  trainingDataSha256: 'ciclo.training_data_sha256',
  libraryVersion: 'ciclo.library_version',
  task: 'ciclo.task',
  language: 'ciclo.language',
  createdAt: 'ciclo.created_at',
} as const;

export const MODEL_FORMAT_VERSION = '1';
