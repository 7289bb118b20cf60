import { AppError } from '@ciclo/platform-contracts';

/** A model with that name is already registered. */
export class ModelAlreadyExistsError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_MODEL_EXISTS';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(ModelAlreadyExistsError.code, message, 409, { cause, details });
    this.name = 'ModelAlreadyExistsError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
