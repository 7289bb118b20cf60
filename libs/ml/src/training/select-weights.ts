import type { BestEpoch } from './early-stopping';
import type { TrainProgress } from './train-options';
import { cloneParams, copyInto, type TrainingParams } from './training-params';
import type { WeightAverage } from './weight-averaging';

/** Which weights a run kept: the last epoch's, the best epoch's (early stopping) or the average. */
export type WeightSelection = 'last' | 'best-epoch' | 'average';

export interface FinishedRun {
  /** The live parameters: overwritten with the selected weights. */
  readonly params: TrainingParams;
  readonly history: readonly TrainProgress[];
  readonly stoppedEarly: boolean;
  readonly best: BestEpoch;
  readonly average: WeightAverage | null;
  /** Validation loss of `params` as they are now; null without a validation split. */
  readonly validationLoss: (() => number) | null;
}

/** Chooses the weights to keep: by validation loss when there is a validation split. */
export function selectWeights(run: FinishedRun): WeightSelection {
  const { params, best, average } = run;
  if (run.stoppedEarly && best.params !== null) {
    copyInto(params, best.params);
    return 'best-epoch';
  }
  if (run.validationLoss === null) {
    if (average === null || !average.usable) return 'last';
    average.writeInto(params);
    return 'average';
  }
  let selected: WeightSelection = 'last';
  const lastEpoch = run.history.length;
  let currentLoss = run.history[lastEpoch - 1]?.valLoss ?? Infinity;
  if (best.params !== null && best.epoch !== lastEpoch && best.loss < currentLoss) {
    copyInto(params, best.params);
    currentLoss = best.loss;
    selected = 'best-epoch';
  }
  if (average !== null && average.usable) {
    const kept = cloneParams(params);
    average.writeInto(params);
    if (run.validationLoss() < currentLoss) return 'average';
    copyInto(params, kept);
  }
  return selected;
}
