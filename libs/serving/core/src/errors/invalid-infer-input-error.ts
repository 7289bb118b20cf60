import { AppError } from '@ciclo/platform-contracts';

/** An inference request the protocol does not allow: wrong datatype, shape mismatch, no inputs, unknown output. */
export class InvalidInferInputError extends AppError {
  static readonly code = 'CICLO_ERR_NLP_INVALID_INPUT';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(InvalidInferInputError.code, message, 400, { cause, details });
    this.name = 'InvalidInferInputError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
