import { AppError } from '@ciclo/platform-contracts';

/** The registry has no such version of the model. */
export class ServedVersionNotFoundError extends AppError {
  static readonly code = 'CICLO_ERR_NLP_VERSION_NOT_FOUND';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(ServedVersionNotFoundError.code, message, 404, { cause, details });
    this.name = 'ServedVersionNotFoundError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
