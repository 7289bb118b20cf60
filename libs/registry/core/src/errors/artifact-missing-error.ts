import { AppError } from '@ciclo/platform-contracts';

/** The store has no blob for a sha256 the registry recorded (lost storage). 500 for the same reason as ArtifactIntegrityError. */
export class ArtifactMissingError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_ARTIFACT_MISSING';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(ArtifactMissingError.code, message, 500, { cause, details });
    this.name = 'ArtifactMissingError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
