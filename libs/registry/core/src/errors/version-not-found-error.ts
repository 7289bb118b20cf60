import { AppError } from '@ciclo/platform-contracts';

/** The model exists but has no such version. */
export class VersionNotFoundError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_VERSION_NOT_FOUND';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(VersionNotFoundError.code, message, 404, { cause, details });
    this.name = 'VersionNotFoundError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
