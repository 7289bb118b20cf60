import { AppError } from '@ciclo/platform-contracts';

/** The artifact exceeds the registry size limit; nothing was stored. */
export class ArtifactTooLargeError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_ARTIFACT_TOO_LARGE';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(ArtifactTooLargeError.code, message, 413, { cause, details });
    this.name = 'ArtifactTooLargeError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
