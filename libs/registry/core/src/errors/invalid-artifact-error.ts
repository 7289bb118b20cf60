import { AppError } from '@ciclo/platform-contracts';

/** The artifact does not load in ModelSession (or does not reproduce its sample predictions); the cause is the ML error. */
export class InvalidArtifactError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_INVALID_ARTIFACT';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(InvalidArtifactError.code, message, 422, { cause, details });
    this.name = 'InvalidArtifactError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
