import { AppError } from '@ciclo/platform-contracts';

/** Stored artifact bytes no longer hash to their sha256: the store was tampered with or corrupted. A 500 because no caller can fix it (an operator must restore the blob); the bytes are never returned. */
export class ArtifactIntegrityError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_ARTIFACT_TAMPERED';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(ArtifactIntegrityError.code, message, 500, { cause, details });
    this.name = 'ArtifactIntegrityError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
