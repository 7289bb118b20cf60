import { AppError } from '@ciclo/platform-contracts';

/** `predict` was given something other than an array of strings. */
export class InvalidPredictInputError extends AppError {
  static readonly code = 'CICLO_ERR_ML_INVALID_INPUT';

  constructor(message: string) {
    super(InvalidPredictInputError.code, message, 400);
    this.name = 'InvalidPredictInputError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
