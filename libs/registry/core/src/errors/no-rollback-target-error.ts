import { AppError } from '@ciclo/platform-contracts';

/** Rollback asked for an alias that has never pointed anywhere else. */
export class NoRollbackTargetError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_NO_ROLLBACK_TARGET';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(NoRollbackTargetError.code, message, 409, { cause, details });
    this.name = 'NoRollbackTargetError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
