import { AppError } from '@ciclo/platform-contracts';

/** A forced promotion needs the admin role and a non-empty reason. */
export class ForceNotAllowedError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_FORCE_NOT_ALLOWED';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(ForceNotAllowedError.code, message, 403, { cause, details });
    this.name = 'ForceNotAllowedError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
