import { calibrateOnValidation } from '../calibration/calibrate-on-validation';
import type { ChooseThresholdOptions } from '../calibration/choose-confidence-threshold';
import { evaluate, type EvaluationReport } from '../evaluation/evaluate';
import { predictTextProbabilities } from '../model/forward';
import type { ClassifierWeights, ModelCard } from '../model/model-contract';
import { storedEmbeddingWeights } from '../onnx/embedding-storage';
import { exportOnnxArtifact } from '../onnx/export-onnx';
import { trainClassifier, type TrainResult } from '../training/train-classifier';
import type { ProgressCallback, TrainOptions } from '../training/train-options';
import { splitByStableHash, trainingDataSha256 } from './holdout-split';

/** A labelled example with the language it is written in (reports are broken down by it). */
export interface TaskExample {
  readonly text: string;
  readonly label: string;
  readonly language: string;
}

export interface TaskModelOptions {
  readonly task: string;
  /** Stored in the model card; `multi` for a model trained on several languages. */
  readonly language: string;
  readonly libraryVersion: string;
  /** Share of the data kept out of training for the reported metrics (default 0.2). */
  readonly holdoutFraction?: number;
  readonly train?: TrainOptions;
  readonly threshold?: ChooseThresholdOptions;
  /**
   * After calibrating on the validation split, train once more on all training data (validation
   * included) with the same settings and keep the calibration: the validation rows are worth more
   * as training data than the small drift in temperature costs. Doubles the training time.
   */
  readonly refitOnAllData?: boolean;
  /** Fixed for reproducible artifacts; defaults to now. */
  readonly createdAt?: string;
  readonly onProgress?: ProgressCallback;
}

export interface TaskModelResult {
  readonly weights: ClassifierWeights;
  readonly card: ModelCard;
  readonly artifact: Uint8Array;
  /** How the embedding table is stored in the artifact (float32 unless that breaks the size budget). */
  readonly embeddingStorage: string;
  readonly training: Pick<TrainResult, 'history' | 'timings' | 'settings' | 'selected' | 'stoppedEarly'>;
  readonly calibration: { readonly temperature: number; readonly confidenceThreshold: number; readonly nllBefore: number; readonly nllAfter: number };
  /** Metrics on the holdout split, overall and per language. */
  readonly holdout: { readonly overall: EvaluationReport; readonly byLanguage: Readonly<Record<string, EvaluationReport>> };
  readonly counts: { readonly train: number; readonly holdout: number; readonly byLanguage: Readonly<Record<string, { train: number; holdout: number }>> };
}

/**
 * One model version from labelled data: stable holdout split → train (with its own validation
 * split for early stopping) → temperature and confidence threshold fitted on validation →
 * metrics on the untouched holdout, overall and per language → ONNX artifact with its card.
 * The retraining flow reuses this for every candidate, so bootstrap and feedback models are
 * built and measured the same way.
 */
export async function trainTaskModel(examples: readonly TaskExample[], options: TaskModelOptions): Promise<TaskModelResult> {
  const { train, holdout } = splitByStableHash(examples, options.holdoutFraction ?? 0.2);
  const result = await trainClassifier(train, options.train ?? {}, options.onProgress);
  const calibration = calibrateOnValidation(Array.from(result.validation.labels), result.validation.probabilities, {
    ...(options.threshold ? { threshold: options.threshold } : {}),
  });
  const final = options.refitOnAllData
    ? await trainClassifier(
        train,
        // The same number of epochs the first run used, without a validation split or early stopping.
        { ...options.train, labels: result.weights.labels, epochs: result.history.length, validationFraction: 0, earlyStoppingPatience: null },
        options.onProgress,
      )
    : result;
  const { weights } = final;

  const card: ModelCard = {
    temperature: calibration.temperature,
    confidenceThreshold: calibration.confidenceThreshold,
    trainingDataSha256: trainingDataSha256(train),
    task: options.task,
    language: options.language,
    libraryVersion: options.libraryVersion,
    createdAt: options.createdAt ?? new Date().toISOString(),
  };

  // Export first and score what the artifact will serve: with float16/int8 storage the served
  // weights differ slightly from the trained ones, and the registry must show the served figures.
  const artifact = exportOnnxArtifact(weights, card, { embeddingStorage: 'auto' });
  const served = storedEmbeddingWeights(weights, artifact.embeddingStorage);
  const labelIndex = new Map(weights.labels.map((label, i) => [label, i]));
  const score = (subset: readonly TaskExample[]): EvaluationReport => {
    const known = subset.filter((e) => labelIndex.has(e.label));
    const probabilities = predictTextProbabilities(
      served,
      known.map((e) => e.text),
      calibration.temperature,
    );
    return evaluate(weights.labels, known.map((e) => labelIndex.get(e.label) as number), probabilities, {
      threshold: calibration.confidenceThreshold,
    });
  };
  const languages = [...new Set(examples.map((e) => e.language))].sort();
  const byLanguage: Record<string, EvaluationReport> = {};
  const counts: Record<string, { train: number; holdout: number }> = {};
  for (const language of languages) {
    const languageHoldout = holdout.filter((e) => e.language === language);
    counts[language] = { train: train.filter((e) => e.language === language).length, holdout: languageHoldout.length };
    if (languageHoldout.length > 0) byLanguage[language] = score(languageHoldout);
  }

  return {
    weights,
    card,
    artifact: artifact.bytes,
    embeddingStorage: artifact.embeddingStorage,
    training: {
      history: final.history,
      timings: final === result ? result.timings : sumTimings(result.timings, final.timings),
      settings: final.settings,
      selected: result.selected,
      stoppedEarly: result.stoppedEarly,
    },
    calibration: {
      temperature: calibration.temperature,
      confidenceThreshold: calibration.confidenceThreshold,
      nllBefore: calibration.temperatureFit.nllBefore,
      nllAfter: calibration.temperatureFit.nllAfter,
    },
    holdout: { overall: score(holdout), byLanguage },
    counts: { train: train.length, holdout: holdout.length, byLanguage: counts },
  };
}

function sumTimings(a: TrainResult['timings'], b: TrainResult['timings']): TrainResult['timings'] {
  return { featurizeMs: a.featurizeMs + b.featurizeMs, trainMs: a.trainMs + b.trainMs, totalMs: a.totalMs + b.totalMs };
}
