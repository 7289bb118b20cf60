import { AppError } from '@ciclo/platform-contracts';

/** An explicitly addressed version could not be loaded (it failed a swap step); the reason is in the message. */
export class VersionUnavailableError extends AppError {
  static readonly code = 'CICLO_ERR_NLP_VERSION_UNAVAILABLE';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(VersionUnavailableError.code, message, 503, { cause, details });
    this.name = 'VersionUnavailableError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
