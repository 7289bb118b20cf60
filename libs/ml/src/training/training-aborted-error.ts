import { AppError } from '@ciclo/platform-contracts';

/** The caller's AbortSignal fired; the partial model is discarded. */
export class TrainingAbortedError extends AppError {
  constructor(cause?: unknown) {
    super('CICLO_ERR_ML_TRAINING_ABORTED', 'Training was aborted.', 499, cause === undefined ? undefined : { cause });
    this.name = 'TrainingAbortedError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
