import { AppError } from '@ciclo/platform-contracts';

/** Training data or options that cannot produce a model (no examples, one label, bad numbers). */
export class InvalidTrainingInputError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CICLO_ERR_ML_INVALID_TRAINING_INPUT', message, 400, details === undefined ? undefined : { details });
    this.name = 'InvalidTrainingInputError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
