import { AppError } from '@ciclo/platform-contracts';

/** The training worker thread crashed or exited without a result. */
export class TrainingWorkerError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('CICLO_ERR_ML_TRAINING_WORKER', message, 500, cause === undefined ? undefined : { cause });
    this.name = 'TrainingWorkerError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
