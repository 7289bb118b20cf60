import { AppError } from '@ciclo/platform-contracts';

/** A request over one of the service's limits (texts per request, characters per text); details name the limit and its setting. */
export class LimitExceededError extends AppError {
  static readonly code = 'CICLO_ERR_NLP_LIMIT_EXCEEDED';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(LimitExceededError.code, message, 413, { cause, details });
    this.name = 'LimitExceededError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
