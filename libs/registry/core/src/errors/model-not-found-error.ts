import { AppError } from '@ciclo/platform-contracts';

/** No model with that name. */
export class ModelNotFoundError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_MODEL_NOT_FOUND';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(ModelNotFoundError.code, message, 404, { cause, details });
    this.name = 'ModelNotFoundError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
