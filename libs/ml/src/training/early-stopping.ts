import { cloneParams, copyInto, type TrainingParams } from './training-params';

/** The epoch with the lowest validation loss so far, and a copy of its parameters. */
export interface BestEpoch {
  readonly loss: number;
  readonly epoch: number;
  readonly params: TrainingParams | null;
}

/** Stops a run once validation loss has not improved for `patience` epochs (null: never). */
export class EarlyStopping {
  readonly #patience: number | null;
  #best: BestEpoch = { loss: Infinity, epoch: 0, params: null };

  constructor(patience: number | null) {
    this.#patience = patience;
  }

  get best(): BestEpoch {
    return this.#best;
  }

  /** Keeps a copy of the parameters whenever validation loss improves; true when the run should stop. */
  shouldStop(epoch: number, validationLoss: number, params: TrainingParams): boolean {
    if (this.#patience === null) return false;
    const best = this.#best;
    if (validationLoss < best.loss) {
      // One snapshot buffer for the whole run, overwritten on each improvement.
      this.#best = { loss: validationLoss, epoch, params: best.params === null ? cloneParams(params) : copyInto(best.params, params) };
      return false;
    }
    return epoch - best.epoch >= this.#patience;
  }
}
