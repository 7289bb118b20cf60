import { AppError } from '@ciclo/platform-contracts';

/** Compare-and-set failed: the alias no longer points where the caller expected (someone else moved it). Re-read and retry. */
export class AliasConflictError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_ALIAS_CONFLICT';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(AliasConflictError.code, message, 409, { cause, details });
    this.name = 'AliasConflictError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
