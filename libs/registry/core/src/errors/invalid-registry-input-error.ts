import { AppError } from '@ciclo/platform-contracts';

/** A malformed argument (name, metrics, gate, sha256, sample list…). */
export class InvalidRegistryInputError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_INVALID_INPUT';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(InvalidRegistryInputError.code, message, 400, { cause, details });
    this.name = 'InvalidRegistryInputError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
