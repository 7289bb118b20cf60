import { AppError } from '@ciclo/platform-contracts';

/** The model has no alias of that name (it was never set, or was removed). */
export class AliasNotFoundError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_ALIAS_NOT_FOUND';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(AliasNotFoundError.code, message, 404, { cause, details });
    this.name = 'AliasNotFoundError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
