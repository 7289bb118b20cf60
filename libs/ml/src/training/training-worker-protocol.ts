import type { TrainResult } from './train-classifier';
import type { TrainProgress } from './train-options';

/** A training failure as it crosses the thread boundary (errors are not structured-cloneable with their class). */
export interface SerializedTrainingError {
  readonly name: string;
  readonly message: string;
  readonly code: string | null;
  readonly details: Record<string, unknown> | null;
  readonly stack: string | null;
}

/** Messages from the training worker to its parent. */
export type TrainingWorkerMessage =
  | { readonly type: 'progress'; readonly progress: TrainProgress }
  | { readonly type: 'result'; readonly result: TrainResult }
  | { readonly type: 'error'; readonly error: SerializedTrainingError };
