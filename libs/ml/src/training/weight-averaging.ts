import { addInto, scaleInto, zerosLike, type TrainingParams } from './training-params';

/** The running sum of the last epochs' parameters (`averageLastEpochs`), for an averaged model. */
export class WeightAverage {
  readonly #sum: TrainingParams;
  /** Epochs after this one are summed. */
  readonly #after: number;
  #count = 0;

  private constructor(params: TrainingParams, after: number) {
    this.#sum = zerosLike(params);
    this.#after = after;
  }

  /** Null unless at least two epochs are to be averaged. */
  static forRun(params: TrainingParams, averageLastEpochs: number, epochs: number): WeightAverage | null {
    const averaging = averageLastEpochs >= 2 ? Math.min(averageLastEpochs, epochs) : 0;
    return averaging > 0 ? new WeightAverage(params, epochs - averaging) : null;
  }

  add(epoch: number, params: TrainingParams): void {
    if (epoch <= this.#after) return;
    addInto(this.#sum, params);
    this.#count++;
  }

  /** An early stop may leave fewer than two epochs summed: no average then. */
  get usable(): boolean {
    return this.#count >= 2;
  }

  writeInto(params: TrainingParams): void {
    scaleInto(params, this.#sum, 1 / this.#count);
  }
}
