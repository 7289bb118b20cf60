import { AppError } from '@ciclo/platform-contracts';

/** No model of that name is served here (the registry has none with a production version). */
export class ModelNotServedError extends AppError {
  static readonly code = 'CICLO_ERR_NLP_MODEL_NOT_FOUND';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(ModelNotServedError.code, message, 404, { cause, details });
    this.name = 'ModelNotServedError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
