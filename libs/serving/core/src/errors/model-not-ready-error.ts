import { AppError } from '@ciclo/platform-contracts';

/** The model has a production version but none is loaded yet (first load running or failed). */
export class ModelNotReadyError extends AppError {
  static readonly code = 'CICLO_ERR_NLP_MODEL_NOT_READY';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(ModelNotReadyError.code, message, 503, { cause, details });
    this.name = 'ModelNotReadyError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
