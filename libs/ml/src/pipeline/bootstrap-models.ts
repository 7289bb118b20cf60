import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainOptions, TrainProgress } from '../training/train-options';
import { loadBootstrapTask } from './bootstrap-data';
import { trainTaskModel, type TaskModelResult } from './train-task-model';

/**
 * Settings of the two default models, chosen on the bootstrap data's validation split (see
 * docs/benchmarks.md). Intent: full-rank (15 labels, features map straight to class logits).
 * Sentiment: a small low-rank model (3 labels) without early stopping, whose validation loss is
 * too noisy to stop on; softer idf weighting and negation scopes ("não recomendo") help it most.
 * Both are refitted on all their training data after calibration and train in seconds.
 */
export const BOOTSTRAP_TASKS: Readonly<Record<'intent' | 'sentiment', { readonly train: TrainOptions }>> = {
  intent: { train: { mode: 'full-rank', seed: 7, featurizer: { charNgramWeight: 0.25, negationScope: 2 } } },
  sentiment: {
    train: {
      mode: 'low-rank',
      dim: 32,
      epochs: 40,
      seed: 7,
      earlyStoppingPatience: null,
      idfPower: 0.5,
      featurizer: { charNgramWeight: 0.25, negationScope: 2 },
    },
  },
};
export type BootstrapTask = keyof typeof BOOTSTRAP_TASKS;

export interface BootstrapOptions {
  readonly dataDir: string;
  readonly libraryVersion: string;
  readonly tasks?: readonly BootstrapTask[];
  readonly createdAt?: string;
  readonly onProgress?: (task: BootstrapTask, progress: TrainProgress) => void;
}

/** Trains the v1 models of the default domain from `data/bootstrap`. */
export async function trainBootstrapModels(options: BootstrapOptions): Promise<Map<BootstrapTask, TaskModelResult>> {
  const results = new Map<BootstrapTask, TaskModelResult>();
  for (const task of options.tasks ?? (Object.keys(BOOTSTRAP_TASKS) as BootstrapTask[])) {
    const examples = await loadBootstrapTask(options.dataDir, task);
    results.set(
      task,
      await trainTaskModel(examples, {
        task,
        language: 'multi',
        libraryVersion: options.libraryVersion,
        train: BOOTSTRAP_TASKS[task].train,
        refitOnAllData: true,
        ...(options.createdAt ? { createdAt: options.createdAt } : {}),
        ...(options.onProgress ? { onProgress: (p: TrainProgress) => options.onProgress?.(task, p) } : {}),
      }),
    );
  }
  return results;
}

/** The report stored beside an artifact: what a data scientist reads before promoting it. */
export function modelReport(result: TaskModelResult) {
  const summarise = (r: TaskModelResult['holdout']['overall']) => ({
    examples: r.examples,
    accuracy: r.accuracy,
    macroF1: r.macroF1,
    expectedCalibrationError: r.expectedCalibrationError,
    selective: r.selective,
    perClass: r.perClass.map((c) => ({ label: c.label, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
  });
  return {
    card: result.card,
    artifactBytes: result.artifact.byteLength,
    counts: result.counts,
    training: { settings: result.training.settings, selected: result.training.selected, stoppedEarly: result.training.stoppedEarly, timings: result.training.timings, epochs: result.training.history.length },
    calibration: result.calibration,
    holdout: {
      overall: summarise(result.holdout.overall),
      byLanguage: Object.fromEntries(Object.entries(result.holdout.byLanguage).map(([language, r]) => [language, summarise(r)])),
      confusionMatrix: result.holdout.overall.confusionMatrix,
    },
  };
}

/** Writes `<task>.onnx` and `<task>.report.json` into `outDir`. */
export async function writeTaskModel(outDir: string, task: string, result: TaskModelResult): Promise<{ artifact: string; report: string }> {
  await mkdir(outDir, { recursive: true });
  const artifact = join(outDir, `${task}.onnx`);
  const report = join(outDir, `${task}.report.json`);
  await writeFile(artifact, result.artifact);
  await writeFile(report, `${JSON.stringify(modelReport(result), null, 2)}\n`);
  return { artifact, report };
}
