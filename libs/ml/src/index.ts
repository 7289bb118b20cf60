// Public API of @ciclo/ml. Each engineer's section is kept together; merge by section.

// ── Text pipeline, featuriser, trainer and reference forward pass (issue #3 parts 1–2) ──
export { capLength, foldAccents, MAX_INPUT_CHARS, normalizeText, toWellFormed } from './text/normalize-text';
export { SpecialTokens, type SpecialToken } from './text/special-tokens';
export { tokenize, type TextToken, type TokenizeOptions, type TokenKind } from './text/tokenize';
export { FeatureTag, fmix32, hashStart, hashText, toBucket } from './features/feature-hash';
export { defaultFeaturizerConfig, validateFeaturizerConfig } from './features/featurizer-config';
export { featurize } from './features/featurize';
export { featureRow, featurizeBatch, type FeatureMatrix } from './features/feature-matrix';
export { InvalidFeaturizerConfigError } from './features/invalid-featurizer-config-error';
export { predictProbabilities, predictTextProbabilities } from './model/forward';
export {
  MetadataKeys,
  MODEL_FORMAT_VERSION,
  ModelInputNames,
  ModelOutputNames,
  type ClassifierWeights,
  type Features,
  type FeaturizerConfig,
  type ModelCard,
} from './model/model-contract';
export { trainClassifier, type TrainResult } from './training/train-classifier';
export type { ResolvedTrainSettings } from './training/train-settings';
export {
  AUTO_FULL_RANK_MAX_PARAMETERS,
  type ProgressCallback,
  type TrainingExample,
  type TrainingMode,
  type TrainOptions,
  type TrainProgress,
} from './training/train-options';
export { trainInWorker, type TrainInWorkerOptions } from './training/train-in-worker';
export { InvalidTrainingInputError } from './training/invalid-training-input-error';
export { TrainingAbortedError } from './training/training-aborted-error';
export { TrainingWorkerError } from './training/training-worker-error';

// ── ONNX export, model metadata and serving (issue #3 parts 5–7) ──
export { ArtifactTooLargeError } from './onnx/artifact-too-large-error';
export { EMBEDDING_STORAGES, storedEmbeddingWeights, type EmbeddingStorage } from './onnx/embedding-storage';
export {
  ARTIFACT_SIZE_BUDGET_BYTES,
  MEAN_EPSILON,
  ONNX_IR_VERSION,
  ONNX_OPSET_VERSION,
  exportOnnx,
  exportOnnxArtifact,
  type ExportOnnxOptions,
  type OnnxArtifact,
} from './onnx/export-onnx';
export { InvalidModelError } from './onnx/invalid-model-error';
export { parseModelMetadata, type ModelMetadata } from './onnx/model-metadata';
export { readOnnxMetadata } from './onnx/read-onnx-metadata';
export { MicroBatcher, type BatchReport, type MicroBatcherOptions, type MicroBatcherStats } from './serving/micro-batcher';
export { InvalidPredictInputError } from './serving/invalid-predict-input-error';
export { ModelSession, type ModelSessionOptions, type Prediction } from './serving/model-session';
export { ModelSessionDisposedError } from './serving/model-session-disposed-error';
export {
  DEFAULT_SAMPLE_INPUTS,
  MAX_SAMPLES,
  SAMPLE_TOLERANCE,
  checkSamplePredictions,
  computeSamplePredictions,
  type SampleMismatch,
  type SamplePrediction,
} from './serving/sample-predictions';
export { sha256Hex } from './model/sha256-hex';

// ── Evaluation, calibration and labelled-data import (issue #3 parts 3, 4, 9) ──
export { evaluate, type EvaluateOptions, type EvaluationReport, type GoldClasses, type LabelEvaluationReport } from './evaluation/evaluate';
export type { ClassMetrics } from './evaluation/class-metrics';
export {
  compareModels,
  type ClassF1Delta,
  type CompareModelsOptions,
  type ComparisonReport,
} from './evaluation/compare-models';
export { formatReport, type FormatReportOptions } from './evaluation/format-report';
export {
  DEFAULT_CALIBRATION_BINS,
  expectedCalibrationError,
  type CalibrationError,
  type ReliabilityBin,
} from './evaluation/expected-calibration-error';
export { MCNEMAR_EXACT_BELOW, mcnemarTest, type McNemarResult } from './evaluation/mcnemar-test';
export { selectiveAccuracy, type SelectiveAccuracy } from './evaluation/selective-accuracy';
export { EvaluationInputError } from './evaluation/evaluation-input-error';
export {
  applyTemperature,
  fitTemperature,
  type FitTemperatureOptions,
  type ScoreKind,
  type TemperatureFit,
} from './calibration/fit-temperature';
export {
  chooseConfidenceThreshold,
  type ChooseThresholdOptions,
  type ThresholdChoice,
} from './calibration/choose-confidence-threshold';
export { calibrateOnValidation, type ValidationCalibration } from './calibration/calibrate-on-validation';
export { LabelledCsvParser, parseLabelledCsv } from './import/parse-labelled-csv';
export { LabelledJsonlParser, parseLabelledJsonl } from './import/parse-labelled-jsonl';
export { importLabelledFile, type ImportFileOptions, type LabelledFileFormat } from './import/import-labelled-file';
export { ImportError, type ImportErrorReason } from './import/import-error';
export {
  DEFAULT_MAX_TEXT_LENGTH,
  LABEL_PATTERN,
  LISTED_DUPLICATES,
  type DuplicateRow,
  type ImportOptions,
  type ImportResult,
  type ImportSummary,
  type LabelCase,
  type LabelConflict,
  type LabelledExample,
  type SkippedRow,
} from './import/import-result';

// ── Model pipeline: holdout split → train → calibrate → evaluate → export (issue #3 part 8) ──
export { splitByStableHash, trainingDataSha256 } from './pipeline/holdout-split';
export {
  trainTaskModel,
  type TaskExample,
  type TaskModelOptions,
  type TaskModelResult,
} from './pipeline/train-task-model';
export { BootstrapDataError, defaultBootstrapDataDir, loadBootstrapTask } from './pipeline/bootstrap-data';
export {
  BOOTSTRAP_TASKS,
  modelReport,
  trainBootstrapModels,
  writeTaskModel,
  type BootstrapOptions,
  type BootstrapTask,
} from './pipeline/bootstrap-models';
